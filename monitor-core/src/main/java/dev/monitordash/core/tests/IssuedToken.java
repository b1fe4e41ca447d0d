package dev.monitordash.core.tests;

/** A token just created: the only time its secret is known. */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=****]";
    }
}
