package org.holdout.web;

import io.javalin.json.JsonMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.stream.Stream;

/** Javalin's JSON mapper, reading a body saved with a byte-order mark (Notepad, PowerShell's Out-File) like one without. */
final class BomTolerantJson implements JsonMapper {
    private final JsonMapper json;

    BomTolerantJson(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return json.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return json.toJsonStream(obj, type);
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream out) {
        json.writeToOutputStream(stream, out);
    }

    @Override
    public <T> T fromJsonString(String text, Type type) {
        return json.fromJsonString(text.startsWith("\uFEFF") ? text.substring(1) : text, type);
    }

    @Override
    public <T> T fromJsonStream(InputStream in, Type type) {
        return json.fromJsonStream(in, type);
    }
}
