"""Load for bench/monitor.sh: N monitor subscribers (debug) and GET /v1/agent/version at a fixed rate."""
import asyncio, re, statistics, sys, time
from datetime import datetime

port, rate, seconds, subs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
STAMP = re.compile(rb"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})(Z|[+-]\d{4}) \[DEBUG\] api\.Dispatcher: .*/v1/agent/version")


async def subscriber(stats, ready):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"GET /v1/agent/monitor?loglevel=debug HTTP/1.1\r\nHost: x\r\n\r\n")
    await w.drain()
    while (await r.readline()) not in (b"\r\n", b""):
        pass
    ready.set()
    n, lat, buf = 0, [], b""
    try:
        while True:
            data = await r.read(65536)
            if not data:
                break
            now = time.time()
            buf += data
            *lines, buf = buf.split(b"\n")
            for line in lines:
                m = STAMP.match(line)
                if m:
                    n += 1
                    if n % 10 == 0:
                        tz = m.group(2).decode().replace("Z", "+0000")
                        t = datetime.strptime(m.group(1).decode() + tz, "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
                        lat.append((now - t) * 1000)
    except asyncio.CancelledError:
        pass
    finally:
        stats.append((n, lat))
        w.close()


async def load():
    r, w = await asyncio.open_connection("127.0.0.1", port)
    sent, start = 0, time.time()
    while time.time() - start < seconds:
        due = int((time.time() - start) * rate)
        while sent < due:
            w.write(b"GET /v1/agent/version HTTP/1.1\r\nHost: x\r\n\r\n")
            sent += 1
        await w.drain()
        await asyncio.sleep(0.005)
    w.close()
    return sent, time.time() - start


async def main():
    stats, tasks = [], []
    for _ in range(subs):
        ready = asyncio.Event()
        tasks.append(asyncio.create_task(subscriber(stats, ready)))
        await ready.wait()
    sent, took = await load()
    await asyncio.sleep(2)  # let the last lines arrive
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if subs:
        got = [n for n, _ in stats]
        lat = sorted(x for _, l in stats for x in l)
        q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")
        print(f"logged {sent} lines in {took:.1f}s ({sent / took:.0f}/s); per subscriber delivered "
              f"min {min(got)} median {statistics.median(got):.0f} ({statistics.median(got) / took:.0f} lines/s); "
              f"lost {sent * subs - sum(got)} of {sent * subs}; latency p50 {q(0.5):.1f} ms p99 {q(0.99):.1f} ms")

asyncio.run(main())
