package org.parley.http;

import io.javalin.http.Context;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.json.Json;
import tools.jackson.databind.JsonNode;

/** The JSON object a request carries, read with the API's one strict mapper; commands are decoded from it. */
public final class RequestBody {
    static final String NOT_JSON = "The request body is not valid JSON for this call.";

    private RequestBody() {}

    /** The body as a JSON object; anything else (empty, malformed, an array, a number) is refused as invalid input. */
    public static JsonNode object(Context ctx) {
        JsonNode body = Json.MAPPER.readTree(ctx.body());
        if (body == null || !body.isObject()) throw new ParleyException(ErrorCode.INVALID_INPUT, NOT_JSON);
        return body;
    }
}
