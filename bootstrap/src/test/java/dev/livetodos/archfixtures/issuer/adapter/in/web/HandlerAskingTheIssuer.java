package dev.livetodos.archfixtures.issuer.adapter.in.web;

import dev.livetodos.archfixtures.issuer.issuer.Accounts;

/** Breaks the issuer's isolation on purpose: an adapter that reaches into the issuer instead of reading tokens. */
public class HandlerAskingTheIssuer {

    Accounts accounts = new Accounts();
}
