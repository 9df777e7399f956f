package dev.livetodos.adapter.in.web;

import dev.livetodos.adapter.wire.ChangeJson;
import java.util.List;

/** A page of the change feed: {@code {"changes":[…],"cursor":"…","more":false}}, each change as in a frame. */
record ChangesPageJson(List<ChangeJson> changes, String cursor, boolean more) {
}
