package dev.livetodos.archfixtures.wire.adapter.wire;

import dev.livetodos.archfixtures.wire.adapter.in.web.RouteHandler;

/** Breaks the wire format's ring on purpose: a frame that knows one of the adapters using it. */
public class FrameForTheWebOnly {

    RouteHandler handler = new RouteHandler();
}
