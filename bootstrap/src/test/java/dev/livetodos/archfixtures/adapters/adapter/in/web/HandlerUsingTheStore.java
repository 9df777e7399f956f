package dev.livetodos.archfixtures.adapters.adapter.in.web;

import dev.livetodos.archfixtures.adapters.adapter.out.dynamodb.Store;

/** Breaks adapter isolation on purpose: a web handler that talks to the store directly. */
public class HandlerUsingTheStore {

    Store store = new Store();
}
