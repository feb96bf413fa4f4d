#!/usr/bin/env python3
"""Membership benchmark: HashiCorp Serf agents, Attaché agent processes and Attaché agents sharing one JVM
(bench/AgentsInOneJvm.java), side by side, same probe timing.

For each cluster size N, for each implementation:
  join convergence  N standalone agents are running; every agent but the first is told to join the first at
                    once; the time until every agent sees N alive members.
  kill -9 detection one agent is killed with SIGKILL; for each other agent, the time until it reports the
                    member failed. Percentiles over observers.
  idle RSS          resident memory per agent process after the cluster has been idle a few seconds.
  join CPU          CPU time the agents' processes spent from the joins until convergence, and the machine's busy
                    CPU time over the same window (the harness's polls and join calls included: for Serf, a CLI
                    process each).
  late join         one more agent, started after the cluster converged, joins the first; the time until all
                    N+1 agents see it alive (the join call included).
Views are polled the same way for both: Attaché through GET /v1/agent/members, Serf through
`serf members -format=json`. Poll resolution is reported with the figures.

Only loopback addresses are used; every process started is stopped at the end.
"""
import argparse, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "agent", "target", "attache.jar")
JVM = ["-Xmx96m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"]
HOST_JVM = ["-Xmx1g", "-Xss256k", "-Dio.netty.eventLoopThreads=1",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"]


def free_port():
    while True:
        t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]; t.close()
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", p)); return p
        except OSError:
            continue
        finally:
            u.close()


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User and system CPU time of a process so far, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except OSError:
        return 0.0


def machine_busy_seconds():
    """CPU time all cores have spent busy (not idle, not waiting for I/O) since boot, in seconds."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / CLOCK_TICKS


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))]


class Agent:
    """One agent process; subclasses say how to start it, read its view and join."""

    def ready(self):
        """True once the agent answers. An agent that exited while starting (a port taken between free_port() and its
        bind) is started again on fresh ports, at most three times."""
        if self.proc.poll() is not None:
            self.restarts = getattr(self, "restarts", 0) + 1
            if self.restarts > 3:
                raise RuntimeError(f"{self.node} exited at start: see {self.log.name}")
            self.log.close()
            self.start()
            return False
        try:
            return bool(self.members())
        except Exception:
            return False


    def rss_kib(self):
        return rss_kib(self.proc.pid)

    @staticmethod
    def agents_cpu_seconds(agents):
        return sum(cpu_seconds(a.proc.pid) for a in agents)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)

    @staticmethod
    def stop_all(agents):
        for a in agents:
            if a.proc.poll() is None:
                a.proc.kill()
        for a in agents:
            a.proc.wait()
            a.log.close()


class Attache(Agent):
    name = "attache"

    def __init__(self, workdir, i):
        self.node = f"a{i}"
        self.workdir = workdir
        self.start()

    def start(self):
        workdir = self.workdir
        self.http = free_port()
        self.lan = free_port()
        data = os.path.join(workdir, self.node)
        os.makedirs(data, exist_ok=True)
        self.log = open(os.path.join(workdir, self.node + ".log"), "w")
        self.proc = subprocess.Popen(["java", *JVM, "-jar", JAR, "agent", f"-node={self.node}", "-bind=127.0.0.1",
                                      "-client=127.0.0.1", f"-http-port={self.http}", f"-serf-lan-port={self.lan}",
                                      f"-data-dir={data}", "-log-level=warn"],
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def members(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.http}/v1/agent/members", timeout=5) as r:
            return {m["Name"]: {1: "alive", 2: "leaving", 3: "left", 4: "failed"}.get(m["Status"], "none")
                    for m in json.load(r)}

    def join(self, other):
        req = urllib.request.Request(f"http://127.0.0.1:{self.http}/v1/agent/join/127.0.0.1:{other.lan}", method="PUT")
        urllib.request.urlopen(req, timeout=30).read()


class AttacheOneJvm(Attache):
    """Attaché client agents that share one JVM (bench/AgentsInOneJvm.java), each with its own HTTP and gossip ports:
    the harness talks to them over HTTP as to agent processes. A kill is LocalCluster's: the agent's gossip is cut
    both ways, then it stops without a leave. RSS per agent is the JVM's RSS divided by the agents in it."""
    name = "attache-1jvm"
    host = None
    agents = 0

    def __init__(self, workdir, i):
        self.node = f"j{i}"
        self.workdir = workdir
        cls = AttacheOneJvm
        if cls.host is None or cls.host.poll() is not None:
            cls.log = open(os.path.join(workdir, "host.log"), "w")
            cls.host = subprocess.Popen(["java", *HOST_JVM, "-cp", JAR, os.path.join(ROOT, "bench", "AgentsInOneJvm.java"),
                                         os.path.join(workdir, "data")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=cls.log, text=True, bufsize=1)
            cls.agents = 0
            self.command("", "READY")
        words = self.command(f"start {self.node}", "AGENT")
        self.http, self.lan = int(words[2]), int(words[3])
        cls.agents += 1

    def command(self, line, expect):
        host = AttacheOneJvm.host
        if line:
            host.stdin.write(line + "\n")
            host.stdin.flush()
        while True:
            out = host.stdout.readline()
            if not out:
                raise RuntimeError(f"the agents' JVM exited: see {AttacheOneJvm.log.name}")
            if out.startswith(expect):
                return out.split()

    def ready(self):
        try:
            return bool(self.members())
        except Exception:
            return False

    def rss_kib(self):
        return rss_kib(AttacheOneJvm.host.pid) / max(1, AttacheOneJvm.agents)

    @staticmethod
    def agents_cpu_seconds(agents):
        return cpu_seconds(AttacheOneJvm.host.pid)

    def kill(self):
        self.command(f"kill {self.node}", "KILLED")

    @staticmethod
    def stop_all(agents):
        host = AttacheOneJvm.host
        if host is None:
            return
        try:
            host.stdin.close()
            host.wait(timeout=60)
        except Exception:
            host.kill()
            host.wait()
        AttacheOneJvm.log.close()
        AttacheOneJvm.host = None


class Serf(Agent):
    name = "serf"

    def __init__(self, workdir, i):
        self.node = f"s{i}"
        self.workdir = workdir
        self.start()

    def start(self):
        workdir = self.workdir
        self.lan = free_port()
        self.rpc = free_port()
        self.log = open(os.path.join(workdir, self.node + ".log"), "w")
        self.proc = subprocess.Popen(["serf", "agent", f"-node={self.node}", f"-bind=127.0.0.1:{self.lan}",
                                      f"-rpc-addr=127.0.0.1:{self.rpc}", "-profile=lan", "-log-level=warn"],
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def members(self):
        out = subprocess.run(["serf", "members", f"-rpc-addr=127.0.0.1:{self.rpc}", "-format=json"],
                             capture_output=True, text=True, timeout=5, check=True).stdout
        return {m["name"]: m["status"] for m in json.loads(out)["members"]}

    def join(self, other):
        subprocess.run(["serf", "join", f"-rpc-addr=127.0.0.1:{self.rpc}", f"127.0.0.1:{other.lan}"],
                       capture_output=True, timeout=30, check=True)


def wait_until(predicate, timeout, poll=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(poll)
    return False


def poll_all(agents, condition, timeout):
    """Polls every agent in its own thread; returns {agent: seconds until condition(view) held} (missing: never)."""
    t0 = time.monotonic()
    reached = {}
    stop = threading.Event()

    def watch(a):
        while not stop.is_set() and time.monotonic() - t0 < timeout:
            try:
                if condition(a.members()):
                    reached[a.node] = time.monotonic() - t0
                    return
            except Exception:
                pass
            time.sleep(0.05)

    threads = [threading.Thread(target=watch, args=(a,), daemon=True) for a in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 5)
    stop.set()
    return reached


def run(kind, n, workdir, results):
    agents = []
    try:
        for i in range(n):
            agents.append(kind(workdir, i))
        if not wait_until(lambda: all(a.ready() for a in agents), 300, poll=0.5):
            raise RuntimeError(f"{kind.name}: agents did not start")
        # join convergence
        cpu0, busy0 = kind.agents_cpu_seconds(agents), machine_busy_seconds()
        t0 = time.monotonic()
        joiners = [threading.Thread(target=a.join, args=(agents[0],)) for a in agents[1:]]
        for t in joiners:
            t.start()
        names = {a.node for a in agents}
        reached = poll_all(agents, lambda v: all(v.get(x) == "alive" for x in names), 120)
        join_cpu, join_busy = kind.agents_cpu_seconds(agents) - cpu0, machine_busy_seconds() - busy0
        for t in joiners:
            t.join()
        if len(reached) < n:
            raise RuntimeError(f"{kind.name} n={n}: {n - len(reached)} agents never converged")
        converge = max(reached.values())
        # idle RSS
        time.sleep(5)  # idle period before reading RSS (a measurement window, not a wait for a condition)
        rss = [a.rss_kib() for a in agents]
        # one more agent joins the converged cluster
        late = kind(workdir, n)
        agents.append(late)
        if not wait_until(late.ready, 120, poll=0.2):
            raise RuntimeError(f"{kind.name}: the late agent did not start")
        time.sleep(2)  # let its start settle, as the others had (a measurement window, not a wait for a condition)
        t0 = time.monotonic()
        late.join(agents[0])
        joined = time.monotonic() - t0
        names.add(late.node)
        late_reached = poll_all(agents, lambda v: all(v.get(x) == "alive" for x in names), 60)
        if len(late_reached) < n + 1:
            raise RuntimeError(f"{kind.name} n={n}: {n + 1 - len(late_reached)} agents never saw the late joiner")
        join_one = joined + max(late_reached.values())  # poll_all counts from its own start
        # kill -9 detection
        victim = agents[-2]
        observers = [a for a in agents if a is not victim]
        victim.kill()
        detected = poll_all(observers, lambda v: v.get(victim.node) == "failed", 120)
        times = list(detected.values())
        results.append({
            "impl": kind.name, "n": n,
            "join_convergence_s": round(converge, 2),
            "join_cpu_s": round(join_cpu, 2),
            "join_machine_cpu_s": round(join_busy, 2),
            "late_join_s": round(join_one, 2),
            "detect_p50_s": round(pct(times, 50), 2) if times else None,
            "detect_p99_s": round(pct(times, 99), 2) if times else None,
            "detect_max_s": round(max(times), 2) if times else None,
            "observers_detected": f"{len(times)}/{len(observers)}",
            "idle_rss_mib_per_agent": round(statistics.mean(rss) / 1024, 1),
        })
        print(json.dumps(results[-1]), flush=True)
    finally:
        kind.stop_all(agents)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,30")
    ap.add_argument("--impls", default="serf,attache,attache-1jvm")
    ap.add_argument("--keep", action="store_true", help="keep the agents' logs and data directories")
    args = ap.parse_args()
    results = []
    workdir = tempfile.mkdtemp(prefix="attache-membership-bench-")
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            for impl in args.impls.split(","):
                run_dir = os.path.join(workdir, f"{impl}-{n}")
                os.makedirs(run_dir, exist_ok=True)
                run({"serf": Serf, "attache": Attache, "attache-1jvm": AttacheOneJvm}[impl], n, run_dir, results)
    finally:
        if args.keep:
            print(f"logs and data kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(f"machine: {os.cpu_count()} cores; timing: memberlist LAN profile on all "
          "(probe 1s, probe timeout 500ms, suspicion x4, gossip 200ms); views polled every 50 ms per observer")
    print(f"{'impl':12} {'N':>3} {'join conv. s':>12} {'late join s':>11} {'detect p50 s':>12} {'p99 s':>6} {'max s':>6} "
          f"{'seen':>6} {'RSS MiB/agent':>13} {'join CPU s':>10} {'machine s':>9}")
    for r in results:
        print(f"{r['impl']:12} {r['n']:>3} {r['join_convergence_s']:>12} {r['late_join_s']:>11} {r['detect_p50_s']!s:>12} "
              f"{r['detect_p99_s']!s:>6} {r['detect_max_s']!s:>6} {r['observers_detected']:>6} "
              f"{r['idle_rss_mib_per_agent']:>13} {r['join_cpu_s']:>10} {r['join_machine_cpu_s']:>9}")


if __name__ == "__main__":
    main()
