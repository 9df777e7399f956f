package dev.livetodos.archfixtures.wire.adapter.in.web;

public class RouteHandler {
}
