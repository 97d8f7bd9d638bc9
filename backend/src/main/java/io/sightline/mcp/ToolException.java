package io.sightline.mcp;

/**
 * What a tool call asked for cannot be answered for this caller, such as a trace none of their
 * projects holds; the message is the one the JSON API gives for the same case.
 */
class ToolException extends RuntimeException {

    ToolException(String message) {
        super(message);
    }
}
