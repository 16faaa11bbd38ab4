package com.creditledger.platform.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the calling key is: the console shows each role its own views, a tool checks its key. */
@RestController
class WhoAmI {

    @GetMapping("/v1/me")
    ApiKeyPrincipal me(@AuthenticationPrincipal ApiKeyPrincipal caller) {
        return caller;
    }
}
