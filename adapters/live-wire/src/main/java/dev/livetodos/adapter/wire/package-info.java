/**
 * The live-change wire protocol, one home for both hosts (the local {@code /ws} sessions and API
 * Gateway's connections): the frames as records ({@link dev.livetodos.adapter.wire.ChangesFrame},
 * {@link dev.livetodos.adapter.wire.ChangeJson}, {@link dev.livetodos.adapter.wire.TypedMessage},
 * {@link dev.livetodos.adapter.wire.ErrorMessage}), their Jackson encoding and the split of a
 * batch under a frame limit ({@link dev.livetodos.adapter.wire.JsonChangeFrames}, the core's
 * {@code ChangeFrames} port), reading a client's ping ({@link dev.livetodos.adapter.wire.LiveJson#isPing}),
 * and the todo's JSON shape, which the HTTP API's bodies use as well ({@link dev.livetodos.adapter.wire.TodoJson}).
 * Adapters use it; it is no adapter itself, and depends only on the domain and Jackson.
 */
package dev.livetodos.adapter.wire;
