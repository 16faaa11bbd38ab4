package com.creditledger.platform.edge;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own refusals (an encoded '/' or NUL in the path, headers over the limit, …) happen before
 * Spring runs and were HTML pages; this valve writes them as problem+json like every other 4xx.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String json = "{\"type\":\"about:blank\",\"title\":\"" + StatusProblems.codeFor(status).replace('_', ' ')
                + "\",\"status\":" + status + ",\"detail\":\"" + StatusProblems.detailFor(status)
                + "\",\"code\":\"" + StatusProblems.codeFor(status) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response was committed meanwhile: nothing left to tell
        }
    }
}
