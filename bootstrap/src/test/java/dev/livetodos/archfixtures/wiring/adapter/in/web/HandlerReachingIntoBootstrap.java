package dev.livetodos.archfixtures.wiring.adapter.in.web;

import dev.livetodos.archfixtures.wiring.bootstrap.Settings;

/** Breaks the hexagon on purpose: an adapter that reads the application's wiring. */
public class HandlerReachingIntoBootstrap {

    Settings settings = new Settings();
}
