// test_main.cpp - doctest runner for the core tests, native and under Node (em++).
// Under Node the tests read ../shared through NODEFS mounted at the same absolute path.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "test_support.h"

int main(int argc, char** argv) {
#ifdef __EMSCRIPTEN__
    EM_ASM({
        var dir = UTF8ToString($0);
        var parts = dir.split('/').filter(function(p) { return p.length; });
        var cur = "";
        for (var i = 0; i < parts.length; i++) {
            cur += '/' + parts[i];
            try { FS.mkdir(cur); } catch (e) {}
        }
        FS.mount(NODEFS, { root: dir }, dir);
    }, FIGSCOPE_SHARED_DIR);
#endif
    doctest::Context context(argc, argv);
    return context.run();
}
