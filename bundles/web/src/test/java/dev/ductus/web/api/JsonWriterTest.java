package dev.ductus.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedContainersWithCommasInTheirPlaces() {
        String json = new JsonWriter().beginObject().field("a", 1).name("b").beginArray().value("x").value(2.5).nullValue()
                .beginObject().endObject().endArray().field("c", true).endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",2.5,null,{}],\"c\":true}", json);
    }

    @Test
    void escapesWhatJsonAndJavaScriptCannotCarryRaw() {
        String json = new JsonWriter().value("q\" b\\ n\n t\t c\u0001 ls\u2028").toString();
        assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 ls\\u2028\"", json);
    }

    @Test
    void nonFiniteNumbersAreNullAndWholeOnesHaveNoFraction() {
        assertEquals("[null,null,3,-0.125,1.0E-7]", new JsonWriter().beginArray().value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).value(3.0).value(-0.125).value(1e-7).endArray().toString());
    }

    @Test
    void misuseFailsFast() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    }
}
