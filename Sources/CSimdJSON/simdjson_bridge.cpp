#include "CSimdJSON.h"
#include <simdjson.h>
#include <new>

struct routegraph_json_parser {
    simdjson::dom::parser parser;
};

extern "C" routegraph_json_parser *routegraph_json_parser_create(size_t max_depth) {
    auto *p = new (std::nothrow) routegraph_json_parser();
    if (p == nullptr) return nullptr;
    // Depth beyond max_depth is then a DEPTH_ERROR, never a deep recursion; capacity grows on demand.
    if (p->parser.allocate(1 << 16, max_depth) != simdjson::SUCCESS) {
        delete p;
        return nullptr;
    }
    return p;
}

extern "C" void routegraph_json_parser_destroy(routegraph_json_parser *parser) { delete parser; }

extern "C" int routegraph_json_parse(routegraph_json_parser *parser, const uint8_t *bytes, size_t length,
                                     size_t capacity, const uint64_t **tape, const uint8_t **strings) {
    // Without padding simdjson copies the input into a padded buffer of its own.
    bool padded = capacity >= length + simdjson::SIMDJSON_PADDING;
    simdjson::dom::element root;
    auto error = parser->parser.parse(bytes, length, !padded).get(root);
    if (error) return static_cast<int>(error);
    *tape = parser->parser.doc.tape.get();
    *strings = parser->parser.doc.string_buf.get();
    return 0;
}

extern "C" const char *routegraph_json_error_message(int code) {
    return simdjson::error_message(static_cast<simdjson::error_code>(code));
}

extern "C" size_t routegraph_json_padding(void) { return simdjson::SIMDJSON_PADDING; }

extern "C" int routegraph_json_depth_error(void) { return static_cast<int>(simdjson::DEPTH_ERROR); }

extern "C" int routegraph_json_number_error(void) { return static_cast<int>(simdjson::NUMBER_ERROR); }
