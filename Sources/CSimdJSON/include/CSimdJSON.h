#ifndef ROUTEGRAPH_CSIMDJSON_H
#define ROUTEGRAPH_CSIMDJSON_H
// A C face for simdjson's DOM parser: Swift cannot call simdjson's C++ API directly, so it sees
// only these functions and reads the parsed document's tape (simdjson's documented tape format,
// doc/tape.md) through plain pointers.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct routegraph_json_parser routegraph_json_parser;

/// A parser with its buffers; reuse it for many documents, one thread at a time.
routegraph_json_parser *routegraph_json_parser_create(size_t max_depth);
void routegraph_json_parser_destroy(routegraph_json_parser *parser);

/// Parses `length` bytes. Returns 0 and sets the tape and string buffer (valid until the next
/// call with this parser) or returns simdjson's error code.
int routegraph_json_parse(routegraph_json_parser *parser, const uint8_t *bytes, size_t length,
                          size_t capacity, const uint64_t **tape, const uint8_t **strings);

/// simdjson's sentence for an error code.
const char *routegraph_json_error_message(int code);

/// Bytes that must be readable past a document's end to parse it without a copy.
size_t routegraph_json_padding(void);

/// The error code simdjson gives for too deep a document.
int routegraph_json_depth_error(void);

/// The error code simdjson gives for a number it cannot read: malformed, or valid JSON beyond
/// what 64 bits hold.
int routegraph_json_number_error(void);

#ifdef __cplusplus
}
#endif
#endif
