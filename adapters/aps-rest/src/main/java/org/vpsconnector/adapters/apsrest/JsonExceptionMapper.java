package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;

/**
 * A request body that is not JSON (400 MalformedJson) or not the JSON we expect (400 InvalidJson),
 * told with the property's path and without Java class names.
 */
@Priority(ApsError.OVERRIDING_MAPPER_PRIORITY)
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(Double.class, Float.class, BigDecimal.class, Number.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        // Writing an answer fails only through a bug of ours, never through the controller's input.
        if (e.getProcessor() instanceof JsonGenerator || e instanceof InvalidDefinitionException) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) {
            return ApsError.response(400, ApsError.MALFORMED_JSON,
                    "the body is not well-formed JSON: " + withoutSource(syntax.getOriginalMessage()) + at(syntax.getLocation()));
        }
        String message = e instanceof JsonMappingException mapping ? describe(mapping) : firstLine(e.getOriginalMessage());
        return ApsError.response(400, ApsError.INVALID_JSON, message);
    }

    private static JsonParseException syntaxError(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return parse;
        }
        // Jackson wraps a syntax error met inside a nested value to record the path to it.
        return e.getCause() instanceof JsonParseException parse ? parse : null;
    }

    private static String describe(JsonMappingException e) {
        String path = pathOf(e);
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            if (path.isEmpty()) {
                return "the body must be a single JSON object";
            }
            String given = e instanceof InvalidFormatException format ? ", got " + quoted(format.getValue()) : "";
            return path + " must be " + expected(mismatch.getTargetType()) + given;
        }
        String reason = firstLine(e.getOriginalMessage());
        return path.isEmpty() ? reason : path + ": " + reason;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        Class<?> boxed = MethodType.methodType(type).wrap().returnType();
        if (INTEGERS.contains(boxed)) {
            return "an integer";
        }
        if (NUMBERS.contains(boxed)) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(boxed)) {
            return "a string";
        }
        if (boxed.isArray() || Collection.class.isAssignableFrom(boxed)) {
            return "an array";
        }
        return "an object";
    }

    private static String quoted(Object value) {
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    // Some messages quote another location, e.g. "(start marker at [Source: REDACTED ...; line: 1, column: 1])".
    // An unquoted word is quoted back by Jackson ("Unrecognized token 'hunter2'"): it may be a
    // password sent without its quotes, so the answer names where it is, not what it is.
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^\\]]*?(line: \\d+, column: \\d+)\\]", "$1")
                .replaceAll("(?s)token '.*?'(: was expecting)", "token$1");
    }

    private static String firstLine(String text) {
        return text == null ? "the body is not the expected JSON" : text.lines().findFirst().orElse(text).strip();
    }
}
