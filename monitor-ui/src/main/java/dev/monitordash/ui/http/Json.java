package dev.monitordash.ui.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;

/** The dashboard's one Jackson mapper: records in, plain JSON out, with strict reading of request bodies. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static void write(OutputStream out, Object value) throws IOException {
        MAPPER.writeValue(out, value);
    }

    /** A streaming writer, for answers too large to build in memory (the export). */
    public static com.fasterxml.jackson.core.JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /** Writes one value (a record, a list) at the generator's position. */
    public static void write(com.fasterxml.jackson.core.JsonGenerator generator, Object value) throws IOException {
        MAPPER.writeValue(generator, value);
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Parses a request body; malformed JSON is the client's fault: 400 with Jackson's short reason. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("request body must be a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpError.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("unreadable request body");
        }
    }

    /** A required string field of a JSON object, or 400 naming the field. */
    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw HttpError.badRequest("'" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw HttpError.badRequest("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    /** A required integer field of a JSON object, or 400 naming the field. */
    public static int requiredInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw HttpError.badRequest("'" + field + "' is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw HttpError.badRequest("'" + field + "' must be an integer");
        }
        return value.intValue();
    }
}
