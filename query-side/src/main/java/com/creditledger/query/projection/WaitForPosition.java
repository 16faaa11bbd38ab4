package com.creditledger.query.projection;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every query endpoint accepts {@code waitFor}: one interceptor, so no endpoint can forget it. */
@Configuration(proxyBeanMethods = false)
class WaitForPosition implements WebMvcConfigurer, HandlerInterceptor {

    private final ProjectionProgress progress;

    WaitForPosition(ProjectionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String waitFor = request.getParameter("waitFor");
        if (waitFor != null) {
            long position;
            try {
                position = Long.parseLong(waitFor);
            } catch (NumberFormatException e) {
                position = -1;
            }
            if (position < 0) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "waitFor", "waitFor must be an event position");
            }
            progress.awaitPosition(position);
        }
        return true;
    }
}
