package com.creditledger.query.projection;

import org.springframework.core.annotation.AliasFor;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller that reads projections. Each request reads one snapshot (a read-only
 * repeatable-read transaction, begun after {@code waitFor} was satisfied): an answer built from
 * several statements never mixes states from before and after a projection batch committed, and it
 * holds one pooled connection however many statements it runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public @interface ReadEndpoint {

    @AliasFor(annotation = RestController.class)
    String value() default "";
}
