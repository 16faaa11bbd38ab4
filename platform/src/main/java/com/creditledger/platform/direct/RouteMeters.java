package com.creditledger.platform.direct;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters Spring Boot's observation of a request leaves in the registry ({@code http.server.requests}
 * when it ends, {@code http.server.requests.active} while it runs), kept for one direct route under
 * the same names and the tags of the same convention, without an observation per request. Building
 * an observation, its context and its tags, then finding its meters by those tags again, cost a
 * single debit 8% of the command side's CPU (docs/benchmarks, twelfth cut). Here the convention
 * tags a route's first request of each status and error, and the meters found then are kept.
 * What an observation registry adds beyond these meters (handlers such as tracing, filters adding
 * key values) is not applied to direct routes; the ledger configures none.
 */
final class RouteMeters {

    /** Spring Boot's own convention for http.server.requests, which the chain's observation filter uses. */
    private static final DefaultServerRequestObservationConvention CONVENTION = new DefaultServerRequestObservationConvention();

    /** What an answered request is counted by, besides its route. */
    private record Ending(int status, Class<? extends Throwable> error) {
    }

    /** Work answering a request. */
    interface Answering {
        void answer() throws IOException, ServletException;
    }

    private final MeterRegistry registry;
    private final String pattern;
    private final Map<Ending, Timer> answered = new ConcurrentHashMap<>();
    private volatile LongTaskTimer active;

    RouteMeters(MeterRegistry registry, String pattern) {
        this.registry = registry;
        this.pattern = pattern;
    }

    void time(HttpServletRequest request, HttpServletResponse response, Answering answering)
            throws IOException, ServletException {
        LongTaskTimer.Sample running = active(request, response).start();
        long started = registry.config().clock().monotonicTime();
        Throwable error = null;
        try {
            answering.answer();
        } catch (IOException | ServletException | RuntimeException failed) {
            error = failed;
            throw failed;
        } finally {
            running.stop();
            answered(request, response, error).record(registry.config().clock().monotonicTime() - started,
                    TimeUnit.NANOSECONDS);
        }
    }

    private LongTaskTimer active(HttpServletRequest request, HttpServletResponse response) {
        LongTaskTimer timer = active;
        if (timer == null) {
            // tagged as the observation tags it when it starts: the status the response has before its answer
            timer = LongTaskTimer.builder(CONVENTION.getName() + ".active")
                    .tags(tags(context(request, response, null))).register(registry);
            active = timer;
        }
        return timer;
    }

    private Timer answered(HttpServletRequest request, HttpServletResponse response, Throwable error) {
        Ending ending = new Ending(response.getStatus(), error == null ? null : error.getClass());
        Timer timer = answered.get(ending);
        if (timer == null) {
            timer = answered.computeIfAbsent(ending, key -> Timer.builder(CONVENTION.getName())
                    .tags(tags(context(request, response, error)))
                    .tag("error", error == null ? "none" : error.getClass().getSimpleName())
                    .register(registry));
        }
        return timer;
    }

    private ServerRequestObservationContext context(HttpServletRequest request, HttpServletResponse response,
                                                    Throwable error) {
        ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
        context.setPathPattern(pattern);
        context.setError(error);
        return context;
    }

    private static Tags tags(ServerRequestObservationContext context) {
        List<Tag> tags = CONVENTION.getLowCardinalityKeyValues(context).stream()
                .map((KeyValue value) -> Tag.of(value.getKey(), value.getValue())).toList();
        return Tags.of(tags);
    }
}
