// problems.h - what went wrong while loading, one entry per problem, "path:line: reason".
#pragma once
#include <string>
#include <vector>

namespace figscope {

struct Problem {
    std::string path;
    int line = 0;          // 1-based; 0 when the problem concerns the whole file
    std::string message;
    std::string to_string() const;   // "path:line: message"
};

struct Problems {
    std::vector<Problem> items;
    void add(std::string path, int line, std::string message) {
        items.push_back(Problem{std::move(path), line, std::move(message)});
    }
    bool empty() const { return items.empty(); }
    size_t size() const { return items.size(); }
};

}  // namespace figscope
