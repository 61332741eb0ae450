// yaml_dump.cpp - prints each file's YAML front matter as one JSON line, typed the way PyYAML
// would load it. The native half of tests/yaml_differential.py.
//
// Usage: yaml_dump [--raw] FILE...
//   --raw: each whole file is the YAML text (no front matter split; lines count from 1)
// One line per file:
//   {"path": P, "ok": true, "value": TREE}
//   {"path": P, "ok": false, "line": N, "error": MESSAGE}        (N is a line of the file)
// TREE: mappings -> objects (a duplicate key keeps its last value, as in PyYAML), sequences ->
// arrays; quoted and block scalars -> strings; plain scalars are resolved as SafeLoader does:
// null, true/false, ints that fit int64 -> numbers, and three tagged objects for what JSON
// cannot carry exactly: {"!!float": "%.17g" | "inf" | "-inf" | "nan"}, {"!!int": TEXT} (beyond
// int64) and {"!!timestamp": TEXT}. (A mapping whose only key is "!!float" would print the same;
// the Python side compares against PyYAML's type, so it cannot be fooled by that.)
// Front matter: the first line must be exactly "---" (after an optional BOM); it ends at the
// next line that is exactly "---" or "..."; a '\r' before the '\n' is tolerated on both.
#include "yaml_reader.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

using namespace figscope::yaml;

namespace {

void json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;  // UTF-8 passes through (parse_yaml has validated it)
        }
    }
    out += '"';
}

void json_tagged(std::string& out, const char* tag, std::string_view text) {
    out += "{\"";
    out += tag;
    out += "\":";
    json_string(out, text);
    out += '}';
}

void json_scalar(std::string& out, const Node& n) {
    if (n.style != Style::Plain) {
        json_string(out, n.value);
        return;
    }
    switch (resolve_plain_scalar(n.value)) {
        case ScalarType::Null: out += "null"; return;
        case ScalarType::Bool: out += plain_bool_value(n.value) ? "true" : "false"; return;
        case ScalarType::Int: {
            int64_t v;
            if (plain_int_value(n.value, v)) {
                out += std::to_string(v);
            } else {
                json_tagged(out, "!!int", n.value);
            }
            return;
        }
        case ScalarType::Float: {
            const double d = plain_float_value(n.value);
            char buf[40];
            if (std::isnan(d)) {
                std::snprintf(buf, sizeof buf, "nan");
            } else if (std::isinf(d)) {
                std::snprintf(buf, sizeof buf, d > 0 ? "inf" : "-inf");
            } else {
                std::snprintf(buf, sizeof buf, "%.17g", d);
            }
            json_tagged(out, "!!float", buf);
            return;
        }
        case ScalarType::Timestamp: json_tagged(out, "!!timestamp", n.value); return;
        case ScalarType::String: json_string(out, n.value); return;
    }
}

void json_tree(std::string& out, const Node& n) {
    switch (n.kind) {
        case Kind::Scalar: json_scalar(out, n); return;
        case Kind::Sequence: {
            out += '[';
            for (size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                json_tree(out, n.items[i]);
            }
            out += ']';
            return;
        }
        case Kind::Mapping: {
            // Last occurrence of each key wins, in first-occurrence order (Python dict semantics).
            std::unordered_map<std::string_view, size_t> last;
            for (size_t i = 0; i < n.entries.size(); ++i) last[n.entries[i].first] = i;
            out += '{';
            bool first = true;
            for (size_t i = 0; i < n.entries.size(); ++i) {
                auto it = last.find(n.entries[i].first);
                if (it == last.end()) continue;  // already printed
                const size_t idx = it->second;
                last.erase(it);
                if (!first) out += ',';
                first = false;
                json_string(out, n.entries[i].first);
                out += ':';
                json_tree(out, n.entries[idx].second);
            }
            out += '}';
            return;
        }
    }
}

bool read_file(const char* path, std::string& data) {
    FILE* f = std::fopen(path, "rb");
    if (!f) return false;
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, got);
    const bool ok = !std::ferror(f);
    std::fclose(f);
    return ok;
}

// Line [b, e) without its "\n" / "\r\n".
bool line_is(std::string_view text, size_t b, size_t e, std::string_view want) {
    if (e > b && text[e - 1] == '\r') --e;
    return text.substr(b, e - b) == want;
}

// Finds the front matter; false with a message and file line if there is none.
bool split_front_matter(std::string_view text, std::string_view& fm, int& err_line, std::string& err) {
    size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos || !line_is(text, pos, eol, "---")) {
        err_line = 1;
        err = "no front matter: the first line is not '---'";
        return false;
    }
    const size_t start = eol + 1;
    int line = 2;
    for (size_t b = start; b < text.size(); ++line) {
        size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        if (line_is(text, b, e, "---") || line_is(text, b, e, "...")) {
            fm = text.substr(start, b - start);
            return true;
        }
        b = e + 1;
    }
    err_line = 1;
    err = "front matter is not closed by a '---' or '...' line";
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    bool raw = false;
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "--raw") {
        raw = true;
        first = 2;
    }
    if (argc <= first) {
        std::fprintf(stderr, "usage: yaml_dump [--raw] FILE...\n");
        return 2;
    }
    std::string out, data;
    Node root;
    Error err;
    for (int i = first; i < argc; ++i) {
        out.clear();
        data.clear();
        out += "{\"path\":";
        json_string(out, argv[i]);
        std::string_view fm;
        int err_line = 0;
        std::string message;
        bool ok = read_file(argv[i], data);
        if (!ok) {
            err_line = 0;
            message = "cannot read the file";
        } else if (raw || (ok = split_front_matter(data, fm, err_line, message))) {
            if (raw) fm = data;
            ok = parse_yaml(fm, root, err, raw ? 1 : 2);
            if (!ok) {
                err_line = err.line;
                message = err.message;
            }
        }
        if (ok) {
            out += ",\"ok\":true,\"value\":";
            json_tree(out, root);
        } else {
            out += ",\"ok\":false,\"line\":" + std::to_string(err_line) + ",\"error\":";
            json_string(out, message);
        }
        out += "}\n";
        std::fwrite(out.data(), 1, out.size(), stdout);
    }
    return 0;
}
