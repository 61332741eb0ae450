// test_yaml.cpp - unit tests for core/yaml_reader: every construct the reader supports, with
// the exact value PyYAML (CSafeLoader) loads, and every class of error with its line.
// Expected values were checked against PyYAML 6.0 / libyaml 0.2.5; tests/yaml_differential.py
// does the same comparison at scale.
//
// Sections: helpers; structure; plain scalars; quoted scalars; block scalars; flow
// collections; comments, document markers, BOM, line endings; keys; errors; implicit types;
// scalar values; a real record.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "yaml_reader.h"

#ifndef FIGSCOPE_SHARED_DIR
#define FIGSCOPE_SHARED_DIR "../shared"
#endif

using namespace figscope::yaml;

namespace {

Node parse_ok(std::string_view text) {
    Node n;
    Error e;
    const bool ok = parse_yaml(text, n, e);
    INFO("error line ", e.line, ": ", e.message);
    REQUIRE(ok);
    return n;
}

Error parse_error(std::string_view text, int first_line = 1) {
    Node n;
    Error e;
    const bool ok = parse_yaml(text, n, e, first_line);
    REQUIRE_FALSE(ok);
    return e;
}

// The scalar text at a key of a mapping (fails the test if absent or not a scalar).
std::string at(const Node& map, std::string_view key) {
    REQUIRE(map.kind == Kind::Mapping);
    const Node* n = map.find(key);
    REQUIRE(n != nullptr);
    REQUIRE(n->kind == Kind::Scalar);
    return n->value;
}

const Node& child(const Node& map, std::string_view key) {
    const Node* n = map.find(key);
    REQUIRE(n != nullptr);
    return *n;
}

bool has_text(const Error& e, const char* needle) { return e.message.find(needle) != std::string::npos; }

}  // namespace

// ---------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: block mappings, nested mappings and their lines") {
    const Node root = parse_ok("figid: PMC1__f1\nschema-jsonld:\n  '@type': Dataset\n  creator:\n    name: WikiPathways\nseo: CreativeWork\n");
    REQUIRE(root.kind == Kind::Mapping);
    REQUIRE(root.entries.size() == 3);
    CHECK(root.entries[0].first == "figid");
    CHECK(root.entries[1].first == "schema-jsonld");
    CHECK(root.entries[2].first == "seo");
    CHECK(root.line == 1);
    const Node& ld = child(root, "schema-jsonld");
    CHECK(ld.kind == Kind::Mapping);
    CHECK(ld.line == 3);
    CHECK(at(ld, "@type") == "Dataset");
    CHECK(at(child(ld, "creator"), "name") == "WikiPathways");
    CHECK(child(child(ld, "creator"), "name").line == 5);
    CHECK(at(root, "seo") == "CreativeWork");
}

TEST_CASE("yaml: sequences at the key's indentation and indented deeper") {
    const Node root = parse_ok("organisms:\n- Homo sapiens\n- NA\nkeywords:\n  - JAK1\n  -   TYK2\nafter: x\n");
    const Node& org = child(root, "organisms");
    REQUIRE(org.kind == Kind::Sequence);
    REQUIRE(org.items.size() == 2);
    CHECK(org.items[0].value == "Homo sapiens");
    CHECK(org.items[1].value == "NA");
    CHECK(org.line == 2);
    const Node& kw = child(root, "keywords");
    REQUIRE(kw.items.size() == 2);
    CHECK(kw.items[1].value == "TYK2");
    CHECK(at(root, "after") == "x");
}

TEST_CASE("yaml: sequences of mappings, nested sequences, empty entries") {
    const Node root = parse_ok("genes:\n- word: JAK\n  symbol: JAK1\n- word: STAT\n  entrez: '6772'\n- - x\n  - y\n-\n- \n  z\n");
    const Node& genes = child(root, "genes");
    REQUIRE(genes.items.size() == 5);
    CHECK(at(genes.items[0], "word") == "JAK");
    CHECK(at(genes.items[0], "symbol") == "JAK1");
    CHECK(at(genes.items[1], "entrez") == "6772");
    CHECK(genes.items[1].find("entrez")->style == Style::SingleQuoted);
    REQUIRE(genes.items[2].kind == Kind::Sequence);
    CHECK(genes.items[2].items[1].value == "y");
    CHECK(genes.items[3].is_null());
    CHECK(genes.items[3].line == 8);
    CHECK(genes.items[4].value == "z");
}

TEST_CASE("yaml: empty values are null scalars") {
    const Node root = parse_ok("a:\nb:   # comment\nc: ~\nd: x\n");
    CHECK(child(root, "a").is_null());
    CHECK(child(root, "a").line == 1);
    CHECK(child(root, "b").is_null());
    CHECK(child(root, "c").is_null());
    CHECK_FALSE(child(root, "d").is_null());
    CHECK_FALSE(parse_ok("a: ''\n").find("a")->is_null());  // quoted empty string is a string
}

TEST_CASE("yaml: a document that is a sequence, a scalar, or nothing") {
    const Node seq = parse_ok("- a\n- b\n");
    REQUIRE(seq.kind == Kind::Sequence);
    CHECK(seq.items.size() == 2);
    const Node scalar = parse_ok("just text\nover two lines\n");
    CHECK(scalar.value == "just text over two lines");
    CHECK(parse_ok("").is_null());
    CHECK(parse_ok("# only a comment\n\n").is_null());
    const Node indented = parse_ok("  a: 1\n  b: 2\n");
    CHECK(at(indented, "b") == "2");
}

// ---------------------------------------------------------------------------------------
// Plain scalars
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: plain scalars fold like YAML") {
    const Node root = parse_ok(
        "a: one\n  two\n   three\n"       // single breaks -> spaces, leading blanks dropped
        "b: one\n\n  two\n\n\n  three\n"  // n blank lines -> n newlines
        "c: x  \n  y  \n"                 // trailing blanks dropped
        "d: x\n  \n  y\n"                 // a line of spaces is a blank line
        "e: a  b\n");                     // blanks inside a line are kept
    CHECK(at(root, "a") == "one two three");
    CHECK(at(root, "b") == "one\ntwo\n\nthree");
    CHECK(at(root, "c") == "x y");
    CHECK(at(root, "d") == "x\ny");
    CHECK(at(root, "e") == "a  b");
}

TEST_CASE("yaml: plain scalars and '#', ':', '-'") {
    const Node root = parse_ok(
        "a: foo #comment\n"
        "b: foo#bar\n"
        "c: http://x.org/a#b\n"
        "d: a:b :c\n"
        "e: foo\n  - bar\n"          // '- ' on a continuation line is text
        "f: -x\n"
        "g: x\n  # a comment ends the scalar\n"
        "h: The networks are (A) retina;\n  # of molecules\n");
    CHECK(at(root, "a") == "foo");
    CHECK(at(root, "b") == "foo#bar");
    CHECK(at(root, "c") == "http://x.org/a#b");
    CHECK(at(root, "d") == "a:b :c");
    CHECK(at(root, "e") == "foo - bar");
    CHECK(at(root, "f") == "-x");
    CHECK(at(root, "g") == "x");
    // PyYAML reads "# of molecules" at the start of a continuation line as a comment.
    CHECK(at(root, "h") == "The networks are (A) retina;");
}

TEST_CASE("yaml: plain continuation lines must be indented deeper than the parent") {
    const Node root = parse_ok("- a: b\n   c\n- x\n y\n");
    CHECK(at(root.items[0], "a") == "b c");
    CHECK(root.items[1].value == "x y");
    const Node indentless = parse_ok("key:\n- a\n  b\n- c\n");
    CHECK(child(indentless, "key").items[0].value == "a b");
}

// ---------------------------------------------------------------------------------------
// Quoted scalars
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: single-quoted scalars") {
    const Node root = parse_ok(
        "a: 'it''s ''q'''\n"
        "b: 'Cell Communication and Signaling : CCS'\n"
        "c: 'x  \n   \n\n  y  '\n"
        "d: 'On'\n"
        "e: ''\n"
        "f: 'line one\n  line two'\n"
        "g: '#not a comment'\n");
    CHECK(at(root, "a") == "it's 'q'");
    CHECK(at(root, "b") == "Cell Communication and Signaling : CCS");
    CHECK(at(root, "c") == "x\n\ny  ");
    CHECK(at(root, "d") == "On");
    CHECK(child(root, "d").style == Style::SingleQuoted);
    CHECK(at(root, "e").empty());
    CHECK(at(root, "f") == "line one line two");
    CHECK(at(root, "g") == "#not a comment");
}

TEST_CASE("yaml: quoted continuation lines may sit at any column") {
    const Node root = parse_ok("a:\n  b: 'x\ny'\n  c: \"p\nq\"\n");
    CHECK(at(child(root, "a"), "b") == "x y");
    CHECK(at(child(root, "a"), "c") == "p q");
}

TEST_CASE("yaml: double-quoted escapes (YAML 1.1)") {
    const Node root = parse_ok(
        "a: \"\\x41\\u00e9\\U0001F600\"\n"
        "b: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\"\n"
        "c: \"\\ \\\"\\/\\\\\"\n"
        "d: \"\\N\\_\\L\\P\"\n"
        "e: \"say \\\"hi\\\"\"\n");
    CHECK(at(root, "a") == "A\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(at(root, "b") == std::string("\0\a\b\t\t\n\v\f\r\x1B", 10));
    CHECK(at(root, "c") == " \"/\\");
    CHECK(at(root, "d") == "\xC2\x85\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9");
    CHECK(at(root, "e") == "say \"hi\"");
    CHECK(child(root, "e").style == Style::DoubleQuoted);
}

TEST_CASE("yaml: double-quoted folding and escaped line breaks") {
    const Node root = parse_ok(
        "a: \"ab \\\n  cd\"\n"           // '\' + break: joined, the space before it kept
        "b: \"ab\\\n\n  cd\"\n"          // ... blank lines after it still count
        "c: \"ab   \n   cd  \n  \n    ef\"\n"
        "d: \"x\\\n  \\ y\"\n");
    CHECK(at(root, "a") == "ab cd");
    CHECK(at(root, "b") == "ab\ncd");
    CHECK(at(root, "c") == "ab cd\nef");
    CHECK(at(root, "d") == "x y");
}

// ---------------------------------------------------------------------------------------
// Block scalars
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: literal block scalars with each chomping indicator") {
    const Node root = parse_ok("clip: |\n  x\n  y\n\nstrip: |-\n  x\n\nkeep: |+\n  x\n\n\nnext: 1\n");
    CHECK(at(root, "clip") == "x\ny\n");
    CHECK(at(root, "strip") == "x");
    CHECK(at(root, "keep") == "x\n\n\n");
    CHECK(child(root, "clip").style == Style::Literal);
    CHECK(at(root, "next") == "1");
}

TEST_CASE("yaml: folded block scalars") {
    const Node root = parse_ok("a: >\n  a\n  b\n\n  c\n   d\n  e\nb: >-\n  one\n  two\nc: >+\n  keep\n\nd: >\n  a  \n  b\n");
    CHECK(at(root, "a") == "a b\nc\n d\ne\n");  // more-indented lines are not folded
    CHECK(at(root, "b") == "one two");
    CHECK(at(root, "c") == "keep\n\n");
    CHECK(at(root, "d") == "a   b\n");
    CHECK(child(root, "a").style == Style::Folded);
}

TEST_CASE("yaml: block scalar indentation") {
    const Node root = parse_ok(
        "a: |2\n    x\n   y\n"           // explicit: parent indent + 2
        "b: |-2\n   x\n"
        "c: >+1\n  z\n"
        "d: |\n\n   x\n"                 // leading empty line, content indentation from 'x'
        "e: |\n  x\n   # not a comment\n  # neither\n"
        "f: | # a comment\n  x\n"
        "g: |\n"                         // empty
        "h: |\n  x\n");                  // no final newline in the input: none in the value
    CHECK(at(root, "a") == "  x\n y\n");
    CHECK(at(root, "b") == " x");
    CHECK(at(root, "c") == " z\n");
    CHECK(at(root, "d") == "\nx\n");
    CHECK(at(root, "e") == "x\n # not a comment\n# neither\n");
    CHECK(at(root, "f") == "x\n");
    CHECK(at(root, "g").empty());
    CHECK(at(root, "h") == "x\n");
    CHECK(at(parse_ok("h: |\n  x"), "h") == "x");
    CHECK(at(parse_ok("h: |+\n\nb: 1\n"), "h") == "\n");
    const Node seq = parse_ok("- |\n x\n- >-\n  y\n");
    CHECK(seq.items[0].value == "x\n");
    CHECK(seq.items[1].value == "y");
}

TEST_CASE("yaml: the real '|-' keywords record") {
    const Node root = parse_ok("keywords: |-\n  amination | palladacycle | DFT calculations | reaction\n  mechanism\nautoml_pathway: 0.9522909\n");
    CHECK(at(root, "keywords") == "amination | palladacycle | DFT calculations | reaction\nmechanism");
}

// ---------------------------------------------------------------------------------------
// Flow collections
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: flow collections of scalars") {
    const Node root = parse_ok(
        "annotations: []\n"
        "m: {}\n"
        "s: [a, 'b c', \"d\", x y, ]\n"
        "k: {k1: v, 'k 2': \"w\", k3: }\n"
        "long: [one,\n  two, three\n  four]\n");
    CHECK(child(root, "annotations").kind == Kind::Sequence);
    CHECK(child(root, "annotations").items.empty());
    CHECK(child(root, "m").kind == Kind::Mapping);
    CHECK(child(root, "m").entries.empty());
    const Node& s = child(root, "s");
    REQUIRE(s.items.size() == 4);
    CHECK(s.items[0].value == "a");
    CHECK(s.items[1].value == "b c");
    CHECK(s.items[2].value == "d");
    CHECK(s.items[3].value == "x y");
    const Node& k = child(root, "k");
    CHECK(at(k, "k1") == "v");
    CHECK(at(k, "k 2") == "w");
    CHECK(child(k, "k3").is_null());
    const Node& l = child(root, "long");
    REQUIRE(l.items.size() == 3);
    CHECK(l.items[2].value == "three four");
}

// ---------------------------------------------------------------------------------------
// Comments, document markers, BOM, line endings, unicode
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: document end marker after nested blocks") {
    const Node root = parse_ok("a:\n  b:\n  - x\n...\n");
    CHECK(child(child(root, "a"), "b").items[0].value == "x");
    CHECK(parse_ok("x\n...\n...\n# c\n").value == "x");
    const Error e = parse_error("# c\n...\n");  // PyYAML: "expected the node content"
    CHECK(e.line == 2);
    CHECK(has_text(e, "before any content"));
}

TEST_CASE("yaml: comments, document end, BOM, CRLF, unicode passthrough") {
    const Node root = parse_ok("\xEF\xBB\xBF# head\na: 1 # tail\n# between\nb: 'x'# right after a quote\n...\n# after the end\n");
    CHECK(at(root, "a") == "1");
    CHECK(at(root, "b") == "x");
    const Node crlf = parse_ok("a: b\r\nc: \"x\r\n  y\"\r\nd: |\r\n  z\r\n");
    CHECK(at(crlf, "a") == "b");
    CHECK(at(crlf, "c") == "x y");
    CHECK(at(crlf, "d") == "z\n");
    const char* text = "t: IFNAR \xE2\x80\x93 Interferon-\xCE\xB1 receptor; \xD0\x9F\xD1\x80\xD0\xB8 \xE2\x91\xA0 \xF0\x9F\xA7\xAC\n";
    CHECK(at(parse_ok(text), "t") ==
          "IFNAR \xE2\x80\x93 Interferon-\xCE\xB1 receptor; \xD0\x9F\xD1\x80\xD0\xB8 \xE2\x91\xA0 \xF0\x9F\xA7\xAC");
    CHECK(at(parse_ok("a: x\xEF\xBB\xBFy\n"), "a") == "x\xEF\xBB\xBFy");  // mid-line U+FEFF is text
}

// ---------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: keys: quoted, spaced, duplicated") {
    const Node root = parse_ok("'@context': https://schema.org/\n\"@id\": x\na b  : c\ndup: first\nother: o\ndup: last\n");
    CHECK(at(root, "@context") == "https://schema.org/");
    CHECK(at(root, "@id") == "x");
    CHECK(at(root, "a b") == "c");
    REQUIRE(root.entries.size() == 6);
    CHECK(root.entries[3].second.value == "first");  // both entries are kept, in order ...
    CHECK(root.entries[5].second.value == "last");
    CHECK(at(root, "dup") == "last");                // ... and find() returns the last (PyYAML)
    CHECK(root.find("missing") == nullptr);
    CHECK(at(parse_ok("'1': a\n'yes': b\n"), "1") == "a");  // quoted keys that look typed are strings
    const std::string k1024(1024, 'k');
    CHECK(at(parse_ok(k1024 + ": v\n"), k1024) == "v");
}

// ---------------------------------------------------------------------------------------
// Errors: each class, with its line
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml errors: unsupported YAML features") {
    Error e = parse_error("a: 1\nb: &anchor 2\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "anchors"));
    e = parse_error("a: 1\nb: *alias\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "aliases"));
    e = parse_error("a: 1\n\nc: !!str 3\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "tags"));
    e = parse_error("a: 1\n? complex\n: value\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "complex"));
    e = parse_error("a: 1\n---\nb: 2\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "---"));
    e = parse_error("a: 1\n...\nb: 2\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "one YAML document"));
    e = parse_error("a:\n  b: [x, [y]]\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "nested flow"));
    e = parse_error("%YAML 1.1\na: 1\n");
    CHECK(e.line == 1);
    CHECK(has_text(e, "directives"));
    e = parse_error("<<: {a: 1}\n");
    CHECK(has_text(e, "merge"));
    e = parse_error("a: x\n1: y\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "only string keys"));
}

TEST_CASE("yaml errors: tabs") {
    Error e = parse_error("a:\n\tb: 1\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "tab"));
    e = parse_error("a: x\n  y\n\tz\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "tab"));
    e = parse_error("a: |\n\tx\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "tab"));
    e = parse_error("a: foo\tbar\n");  // libyaml keeps it, PyYAML's pure scanner refuses: we refuse
    CHECK(e.line == 1);
    CHECK(at(parse_ok("a: 'foo\tbar'\n"), "a") == "foo\tbar");  // quoted tabs are plain text
}

TEST_CASE("yaml errors: bad indentation and misplaced indicators") {
    Error e = parse_error("a:\n  b: 1\n c: 2\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "indentation"));
    e = parse_error("a: 'x'\n  b: c\n");
    CHECK(e.line == 2);
    e = parse_error("a:\n  - x\n - y\n");
    CHECK(e.line == 3);
    e = parse_error("a: b: c\n");
    CHECK(e.line == 1);
    CHECK(has_text(e, "mapping values are not allowed"));
    e = parse_error("a: x\n  b: c\n");  // 'x b' continues, then ': ' -> not allowed
    CHECK(e.line == 2);
    e = parse_error("a: - b\n");
    CHECK(e.line == 1);
    CHECK(has_text(e, "sequence"));
    e = parse_error("- a\n- b: c\n  d\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "':'"));
    e = parse_error("a: 1\n- x\n");
    CHECK(e.line == 2);
    e = parse_error("  a: 1\nb: 2\n");
    CHECK(e.line == 2);
    e = parse_error("\"a\n b\": c\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "one line"));
    e = parse_error(std::string(1025, 'k') + ": v\n");
    CHECK(has_text(e, "1024"));
}

TEST_CASE("yaml errors: unclosed quotes and flow collections report the opening line") {
    Error e = parse_error("a: 1\nb: 'never\nclosed\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "unclosed single-quoted"));
    e = parse_error("a: 1\nb: \"never\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "unclosed double-quoted"));
    e = parse_error("a: [x,\n  y\n");
    CHECK(e.line == 1);
    CHECK(has_text(e, "unclosed flow"));
    e = parse_error("a: 'x\n---\ny'\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "document marker"));
}

TEST_CASE("yaml errors: bad escapes, block headers, characters") {
    Error e = parse_error("a: 1\nb: \"\\q\"\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "escape"));
    CHECK(has_text(parse_error("a: \"\\x4\"\n"), "hexadecimal"));
    CHECK(has_text(parse_error("a: \"\\ud800\"\n"), "Unicode"));
    CHECK(has_text(parse_error("a: |0\n  x\n"), "1-9"));
    CHECK(parse_error("a: |10\n  x\n").line == 1);
    CHECK(has_text(parse_error("a: |#x\n  x\n"), "space before '#'"));
    e = parse_error("a: 1\nb: \x07\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "control"));
    e = parse_error("a: 1\n\nb: \xC3\x28\n");
    CHECK(e.line == 3);
    CHECK(has_text(e, "UTF-8"));
    CHECK(has_text(parse_error("a: b\rc: d\n"), "carriage return"));
    CHECK(has_text(parse_error("a: x\xE2\x80\xA8y\n"), "U+2028"));
    CHECK(has_text(parse_error("a: x\xC2\x85y\n"), "NEL"));
    CHECK(has_text(parse_error("a: @x\n"), "reserved"));
}

TEST_CASE("yaml errors: the input check, for every byte value at every offset of a word") {
    // The check reads 8 bytes at a time; a forbidden byte must be caught wherever it sits.
    for (int b = 1; b < 256; ++b) {
        const bool forbidden = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F || b >= 0x80;
        for (int at = 0; at < 16; ++at) {
            std::string text = "a: \"";
            text += std::string(static_cast<size_t>(at), 'x') + static_cast<char>(b) + std::string(20, 'y') + "\"\n";
            Node n;
            Error e;
            const bool ok = parse_yaml(text, n, e);
            const bool input_error = !ok && (has_text(e, "control") || has_text(e, "UTF-8") || has_text(e, "carriage"));
            INFO("byte ", b, " at ", at, ": ", e.message);
            CHECK(input_error == forbidden);
        }
    }
}

TEST_CASE("yaml errors: values PyYAML's SafeLoader cannot construct") {
    Error e = parse_error("a: 1\nb: 2001-13-45\n");
    CHECK(e.line == 2);
    CHECK(has_text(e, "timestamp"));
    CHECK(has_text(parse_error("a: 2001-02-29\n"), "timestamp"));  // not a leap year
    CHECK(has_text(parse_error("a: 2001-12-14 10:00:00 +24\n"), "timestamp"));
    CHECK(has_text(parse_error("a: 0b_\n"), "no digits"));
    CHECK(has_text(parse_error("a: 0x_\n"), "no digits"));
    CHECK(has_text(parse_error("a: =\n"), "value"));
    CHECK(has_text(parse_error("a: <<\n"), "merge"));
    CHECK(at(parse_ok("a: 2000-02-29\n"), "a") == "2000-02-29");
}

TEST_CASE("yaml errors: first_line shifts every line; nesting is bounded") {
    Error e = parse_error("a: 1\nb: &x 2\n", 2);
    CHECK(e.line == 3);
    e = parse_error("a: 1\n\nb: \x01\n", 10);
    CHECK(e.line == 12);
    std::string deep;
    for (int i = 0; i < 500; ++i) deep += "- ";
    deep += "x\n";
    CHECK(has_text(parse_error(deep), "nesting"));
    Node n;
    Error err;
    CHECK_FALSE(parse_yaml("a: [x\n", n, err));
    CHECK(n.kind == Kind::Scalar);  // a failed parse leaves an empty node behind
    CHECK(n.items.empty());
    CHECK(n.entries.empty());
}

// ---------------------------------------------------------------------------------------
// Implicit types (PyYAML's resolver.py, YAML 1.1)
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: resolve_plain_scalar matches PyYAML SafeLoader") {
    struct Case {
        const char* text;
        ScalarType type;
    };
    const Case cases[] = {
        {"", ScalarType::Null}, {"~", ScalarType::Null}, {"null", ScalarType::Null}, {"Null", ScalarType::Null},
        {"NULL", ScalarType::Null}, {"nULL", ScalarType::String}, {"~~", ScalarType::String},
        {"yes", ScalarType::Bool}, {"Yes", ScalarType::Bool}, {"YES", ScalarType::Bool}, {"yEs", ScalarType::String},
        {"no", ScalarType::Bool}, {"No", ScalarType::Bool}, {"NO", ScalarType::Bool}, {"On", ScalarType::Bool},
        {"on", ScalarType::Bool}, {"ON", ScalarType::Bool}, {"oN", ScalarType::String}, {"Off", ScalarType::Bool},
        {"true", ScalarType::Bool}, {"True", ScalarType::Bool}, {"TRUE", ScalarType::Bool}, {"tRUE", ScalarType::String},
        {"False", ScalarType::Bool}, {"y", ScalarType::String}, {"n", ScalarType::String}, {"NA", ScalarType::String},
        {".na.character", ScalarType::String},
        {"0", ScalarType::Int}, {"-0", ScalarType::Int}, {"+12", ScalarType::Int}, {"1_000", ScalarType::Int},
        {"017", ScalarType::Int}, {"08", ScalarType::String}, {"0_7", ScalarType::Int}, {"0o7", ScalarType::String},
        {"0b101", ScalarType::Int}, {"-0b1_0", ScalarType::Int}, {"0b2", ScalarType::String}, {"0x1F", ScalarType::Int},
        {"0xfF_", ScalarType::Int}, {"0X1F", ScalarType::String}, {"0b_", ScalarType::Int}, {"1:30", ScalarType::Int},
        {"-1:30:59", ScalarType::Int}, {"1:60", ScalarType::String}, {"1:5", ScalarType::Int}, {"0:30", ScalarType::String},
        {"2025", ScalarType::Int},
        {"1.0", ScalarType::Float}, {"1.", ScalarType::Float}, {"-1.5", ScalarType::Float}, {"1_0.5_", ScalarType::Float},
        {"1e3", ScalarType::String}, {"1.0e3", ScalarType::String}, {"1.0e+3", ScalarType::Float},
        {"1.e-3", ScalarType::Float}, {"1.0E+3", ScalarType::Float}, {".5", ScalarType::Float}, {"-.5", ScalarType::String},
        {".5e+1", ScalarType::Float}, {"._5", ScalarType::String}, {"190:20:30.15", ScalarType::Float},
        {"1:30.", ScalarType::Float}, {".inf", ScalarType::Float}, {"-.Inf", ScalarType::Float}, {"+.INF", ScalarType::Float},
        {".iNf", ScalarType::String}, {".nan", ScalarType::Float}, {".NaN", ScalarType::Float}, {"-.nan", ScalarType::String},
        {"0.9404449", ScalarType::Float}, {"1.2.3", ScalarType::String}, {".", ScalarType::String}, {"-", ScalarType::String},
        {"2001-12-14", ScalarType::Timestamp}, {"2001-1-14", ScalarType::String}, {"2001-13-45", ScalarType::Timestamp},
        {"2001-12-14t21:59:43.10-05:00", ScalarType::Timestamp}, {"2001-12-14 21:59:43.10 -5", ScalarType::Timestamp},
        {"2001-12-14T21:59:43Z", ScalarType::Timestamp}, {"2001-1-4 1:59:43", ScalarType::Timestamp},
        {"2001-12-14 21:59", ScalarType::String}, {"2001-12-14x", ScalarType::String}, {"20011-12-14", ScalarType::String},
        {"<<", ScalarType::String}, {"=", ScalarType::String}, {"Homo sapiens", ScalarType::String},
    };
    for (const Case& c : cases) {
        INFO("text: '", c.text, "'");
        CHECK(resolve_plain_scalar(c.text) == c.type);
    }
}

TEST_CASE("yaml: plain scalar values as PyYAML's SafeConstructor builds them") {
    int64_t v = 0;
    CHECK(plain_int_value("0x1F", v));
    CHECK(v == 31);
    CHECK(plain_int_value("-017", v));
    CHECK(v == -15);
    CHECK(plain_int_value("0b1_01", v));
    CHECK(v == 5);
    CHECK(plain_int_value("1:30", v));
    CHECK(v == 90);
    CHECK(plain_int_value("-190:20:30", v));
    CHECK(v == -685230);
    CHECK(plain_int_value("+1_000", v));
    CHECK(v == 1000);
    CHECK(plain_int_value("0_", v));
    CHECK(v == 0);
    CHECK(plain_int_value("9223372036854775807", v));
    CHECK(v == INT64_MAX);
    CHECK(plain_int_value("-9223372036854775808", v));
    CHECK(v == INT64_MIN);
    CHECK_FALSE(plain_int_value("9223372036854775808", v));
    CHECK_FALSE(plain_int_value("0x_", v));

    CHECK(plain_float_value("1.0e+3") == 1000.0);
    CHECK(plain_float_value("1_0.5") == 10.5);
    CHECK(plain_float_value("3.") == 3.0);
    CHECK(plain_float_value(".5") == 0.5);
    CHECK(plain_float_value("190:20:30.15") == 685230.15);
    CHECK(plain_float_value("0.9404449") == 0.9404449);
    CHECK(plain_float_value("-.INF") == -INFINITY);
    CHECK(std::isnan(plain_float_value(".NaN")));
    CHECK(std::signbit(plain_float_value("-0.0")));

    CHECK(plain_bool_value("On"));
    CHECK(plain_bool_value("YES"));
    CHECK_FALSE(plain_bool_value("off"));
    CHECK_FALSE(plain_bool_value("No"));
}

TEST_CASE("yaml: is_null only for plain null spellings") {
    CHECK(parse_ok("a: NULL\n").find("a")->is_null());
    CHECK_FALSE(parse_ok("a: 'null'\n").find("a")->is_null());
    CHECK_FALSE(parse_ok("a: nULL\n").find("a")->is_null());
    CHECK_FALSE(parse_ok("a: []\n").find("a")->is_null());
}

// ---------------------------------------------------------------------------------------
// A real record (seeds/001: 2020 generation with inline genes)
// ---------------------------------------------------------------------------------------

TEST_CASE("yaml: a real seed record") {
    const std::string path = std::string(FIGSCOPE_SHARED_DIR) + "/seeds/001_4cbd18f047a22dd9.txt";
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open ", path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    REQUIRE(text.compare(0, 4, "---\n") == 0);
    const size_t end = text.find("\n---\n", 3);
    REQUIRE(end != std::string::npos);
    const std::string_view fm = std::string_view(text).substr(4, end + 1 - 4);
    Node root;
    Error err;
    INFO(err.message);
    REQUIRE(parse_yaml(fm, root, err, 2));
    CHECK(at(root, "figid") == "PMC7176449__cm9-133-0959-g001");
    CHECK(at(root, "year") == "2020");
    CHECK(child(root, "year").style == Style::SingleQuoted);
    CHECK(at(root, "papertitle") == "A novel treatment for psoriatic arthritis: Janus kinase inhibitors.");
    CHECK(at(root, "caption").rfind("JAK-STAT signaling pathway. The binding of cytokines to the receptors leads to the activation", 0) == 0);
    CHECK(resolve_plain_scalar(at(root, "pathway_score")) == ScalarType::Float);
    CHECK(plain_float_value(at(root, "pathway_score")) == 0.8674291);
    CHECK(child(root, "annotations").kind == Kind::Sequence);
    const Node& genes = child(root, "genes");
    REQUIRE(genes.kind == Kind::Sequence);
    CHECK(at(genes.items[0], "hgnc_symbol") == "JAK1");
    CHECK(at(genes.items[0], "entrez") == "3716");
    CHECK(at(child(child(root, "schema-jsonld"), "creator"), "name") == "WikiPathways");
    CHECK(child(child(root, "schema-jsonld"), "keywords").items.size() == 11);
    CHECK(child(root, "figid").line == 2);
}
