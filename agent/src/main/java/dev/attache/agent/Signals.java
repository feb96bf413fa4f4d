package dev.attache.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for the command-line agent, as Consul handles them: SIGTERM leaves gracefully when
 * {@code leave_on_terminate} is set (default for clients), SIGINT unless {@code skip_leave_on_interrupt}
 * is set (default for servers); otherwise the agent stops without leaving and the others see it fail.
 * A second signal while shutting down exits at once. SIGHUP reloads the configuration, as
 * {@code PUT /v1/agent/reload} does, and logs the outcome.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(Agent agent) {
        AtomicBoolean received = new AtomicBoolean();
        AgentConfig c = agent.config();
        for (String name : new String[] {"TERM", "INT"}) {
            boolean leave = name.equals("TERM") ? c.leaveOnTerminate() : !c.skipLeaveOnInterrupt();
            Signal.handle(new Signal(name), signal -> {
                if (!received.compareAndSet(false, true)) {
                    log.warn("{}: caught second signal SIG{}, exiting now", c.nodeName(), name);
                    Runtime.getRuntime().halt(1);
                }
                log.info("{}: caught signal SIG{}, {}", c.nodeName(), name,
                        leave ? "leaving gracefully" : "shutting down without leaving");
                if (leave) {
                    agent.leave();
                } else {
                    agent.stop();
                }
            });
        }
        Signal.handle(new Signal("HUP"), signal -> {
            log.info("{}: caught signal SIGHUP, reloading the configuration", c.nodeName());
            try {
                agent.reload();
            } catch (RuntimeException e) {
                log.error("{}: reload failed, the configuration stays as it was: {}", c.nodeName(), e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "attache-shutdown"));
    }
}
