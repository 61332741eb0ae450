// yaml_reader.h - a specialised reader for the YAML that PFOCR front matter uses.
//
// Supported (and proven against PyYAML by tests/yaml_differential.py):
//   block mappings and block sequences (including "- " items at the parent key's indent),
//   plain scalars (multi-line, folded as YAML does), 'single' and "double" quoted scalars
//   (multi-line, all escapes of YAML 1.1 double quotes), literal | and folded > block
//   scalars with chomping (-, +) and explicit indentation indicators, empty flow
//   collections [] and {}, flow sequences/mappings of scalars, comments, a leading BOM.
// Not supported, reported as an Error (never a wrong value): anchors, aliases, tags,
//   complex keys (? ...), multiple documents ('---'), directives, nested flow collections,
//   plain keys that PyYAML would not load as strings (1:, yes:, ~:, <<:), tabs outside quoted
//   and block scalar text, line breaks other than \n and \r\n (NEL, U+2028/9, a lone CR).
// Also an Error, as in PyYAML: everything its CSafeLoader rejects (bad indentation, unclosed
//   quotes, unknown escapes, control characters, invalid UTF-8, "2001-13-45", "0x_", "=").
// Errors carry the 1-based line in the *file* (first_line is the file line of text[0]).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace figscope::yaml {

enum class Kind : uint8_t { Scalar, Sequence, Mapping };
enum class Style : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node {
    Kind kind = Kind::Scalar;
    Style style = Style::Plain;
    int line = 0;                                        // file line where the node starts
    std::string value;                                   // Scalar: text after unquoting/folding
    std::vector<Node> items;                             // Sequence
    std::vector<std::pair<std::string, Node>> entries;   // Mapping, in document order

    // Defined (defaulted) in yaml_reader.cpp, where Node is complete: clang with libstdc++ in
    // C++20 rejects the implicit ones (pair<string, Node> incomplete), which the libFuzzer
    // build (fuzz/, clang) needs.
    Node();
    Node(const Node&);
    Node(Node&&) noexcept;
    Node& operator=(const Node&);
    Node& operator=(Node&&) noexcept;
    ~Node();

    // Mapping lookup; with duplicate keys the last one wins (as PyYAML does). nullptr if absent.
    const Node* find(std::string_view key) const;
    bool is_scalar() const { return kind == Kind::Scalar; }
    // A plain scalar that YAML 1.1 resolves to null: "", "~", "null", "Null", "NULL".
    bool is_null() const;
};

struct Error {
    int line = 0;
    std::string message;
};

// Parses one YAML document. Returns false and fills err on the first problem.
bool parse_yaml(std::string_view text, Node& out, Error& err, int first_line = 1);

// How PyYAML's SafeLoader resolves a *plain* scalar (YAML 1.1 implicit types).
// "<<" (merge) and "=" (value) resolve to tags SafeLoader cannot construct; they come back
// as String here, and parse_yaml rejects them (as a key or a value) with an Error.
enum class ScalarType : uint8_t { Null, Bool, Int, Float, Timestamp, String };
ScalarType resolve_plain_scalar(std::string_view text);

// Values of plain scalars, built as PyYAML's SafeConstructor builds them. Call them only on
// text that resolve_plain_scalar classified accordingly.
bool plain_bool_value(std::string_view text);                // Bool: yes/true/on in any casing PyYAML accepts
bool plain_int_value(std::string_view text, int64_t& out);   // Int: false if it does not fit int64 (Python
                                                             // ints are unbounded) or PyYAML fails ("0x_")
double plain_float_value(std::string_view text);             // Float: +-inf, nan, sexagesimal, '_' ignored

}  // namespace figscope::yaml
