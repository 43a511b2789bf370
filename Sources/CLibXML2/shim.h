#ifndef ROUTEGRAPH_CLIBXML2_SHIM_H
#define ROUTEGRAPH_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its headers then pull in ICU types that clash with the ones
// Foundation carries ("'UErrorCode' has different definitions"). routegraph uses none of libxml2's
// ICU API, so the flag is dropped before the other headers see it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#endif
