package dev.livetodos.adapter.in.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Gives a problem-details body to the error answers that leave the server bare: those Reactor
 * Netty writes itself when it cannot decode a request (400 for a broken request line or header,
 * 414 for a request line past the limit, 431 for headers past it) and the 400 Spring's Netty
 * adapter writes for a request target that is not a URI, all before any route or exception
 * handler is reached. Answers that have a body or a content type of their own, and answers to
 * {@code HEAD}, pass unchanged.
 *
 * <p>One handler per connection, placed after the HTTP codec (see {@link #NAME}), so it sees
 * each decoded request on the way in and each answer before it is encoded.
 */
public final class BareErrorProblems extends ChannelDuplexHandler {

    /** The name to add it under in a connection's pipeline. */
    public static final String NAME = "livetodos.bareErrorProblems";

    /** Methods of the requests read and not yet answered, in order (HTTP/1.1 answers in order). */
    private final Queue<HttpMethod> unanswered = new ArrayDeque<>();

    /** A new handler for one connection: it is not {@link ChannelHandler.Sharable}. */
    public BareErrorProblems() {
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        if (message instanceof HttpRequest request) {
            unanswered.add(request.decoderResult().isSuccess() ? request.method() : HttpMethod.GET);
        }
        super.channelRead(context, message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        if (!(message instanceof HttpResponse response) || response.status().code() < 200) {
            super.write(context, message, promise);
            return;
        }
        HttpMethod method = unanswered.poll();
        if (!isBare(response) || HttpMethod.HEAD.equals(method)) {
            super.write(context, message, promise);
            return;
        }
        byte[] body = ProblemDetailsExceptionHandler.bareProblem(response.status().code());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (response instanceof FullHttpResponse full) {
            FullHttpResponse answered = new DefaultFullHttpResponse(full.protocolVersion(), full.status(),
                    Unpooled.wrappedBuffer(body), full.headers(), full.trailingHeaders());
            full.release();
            super.write(context, answered, promise);
            return;
        }
        // Headers now, the body after them; the (empty) last content still follows as written.
        super.write(context, response, context.voidPromise());
        super.write(context, new DefaultHttpContent(Unpooled.wrappedBuffer(body)), promise);
    }

    /** An error answer with neither a body nor a content type: one that says nothing but its status. */
    private static boolean isBare(HttpResponse response) {
        if (response.status().code() < 400 || response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            return false;
        }
        if (response instanceof HttpContent content) {
            ByteBuf body = content.content();
            return body.readableBytes() == 0;
        }
        return HttpUtil.getContentLength(response, -1L) == 0L;
    }
}
