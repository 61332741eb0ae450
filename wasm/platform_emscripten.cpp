// platform_emscripten.cpp - the browser host.
//
// Owns the WebGL2 canvas (through emscripten's built-in JS GLFW), the ImGui backends and the
// main loop, and is the only door between web/figscope.js and the app: the fs_* functions
// below are exported to JS (Module._fs_*). Everything crossing the door is UTF-8 C strings or
// byte buffers the JS side mallocs and frees.
//
// Two things emscripten 3.1.6's GLFW does not do, and this file does instead:
//   - HiDPI: its canvas is always CSS-pixel sized. We size the canvas backing store to
//     CSS size * devicePixelRatio ourselves every frame and run ImGui in device pixels
//     (GLFW reports mouse positions in backing-store pixels already), with fonts and style
//     scaled by the ratio. Browser zoom changes the ratio; that is followed too.
//   - Clipboard: its glfw{Get,Set}ClipboardString are empty stubs. Copy goes to
//     navigator.clipboard (figscope.js), paste comes from the page's 'paste' event.
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "fonts.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"   // ErrorCheckEndFrameRecover
#include "platform.h"

namespace app = figscope::app;

namespace {

constexpr const char* kCanvas = "#canvas";

GLFWwindow* g_window = nullptr;
app::App* g_app = nullptr;
int g_fb_w = 0, g_fb_h = 0;     // canvas backing store = ImGui display size (device pixels)
float g_scale = 0.0f;           // devicePixelRatio the fonts and style are currently built for
bool g_first_frame = true;
std::string g_clipboard;        // what ImGui pastes: last text copied in the app or pasted into the page
std::string g_state;            // keeps the last fs_state_json() result alive for JS to read

// Tells the page something fatal happened, so it shows a message instead of a blank canvas.
void host_failed(const char* message) {
    std::fprintf(stderr, "figscope: %s\n", message);
    EM_ASM({ if (Module.figscopeHostFailed) Module.figscopeHostFailed(UTF8ToString($0)); }, message);
}

// Runs a call into the app; an escaping exception becomes a problem the user can read instead
// of an abort that would freeze the page.
template <class F>
void guarded(const char* what, F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        if (g_app) app::report_problem(*g_app, what, std::string("internal error: ") + e.what());
    } catch (...) {
        if (g_app) app::report_problem(*g_app, what, "internal error");
    }
}

// One app frame. An exception escaping it leaves ImGui windows open mid-frame: those are
// closed so that Render() still works, and the error is reported once, not every frame.
void run_app_frame() {
    std::string error;
    try {
        app::frame(*g_app);
        return;
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "unknown exception";
    }
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    static std::string last_error;
    if (error != last_error) {
        last_error = error;
        guarded("app", [&] { app::report_problem(*g_app, "app", "internal error while drawing: " + error); });
    }
}

// Fonts and sizes for a devicePixelRatio. fonts.h's setup rebuilds the atlas at the new size;
// the GL texture must then be rebuilt too.
void apply_scale(float scale) {
    g_scale = scale;
    figscope::fonts::setup(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// Canvas backing store follows its CSS size (full window via style.css) times the pixel
// ratio. Checked every frame: covers window resizes, zoom and moving between monitors
// without relying on events.
void sync_canvas_size() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    const float scale = float(emscripten_get_device_pixel_ratio());
    const int w = std::max(1, int(std::lround(css_w * scale)));
    const int h = std::max(1, int(std::lround(css_h * scale)));
    if (w != g_fb_w || h != g_fb_h) {
        emscripten_set_canvas_element_size(kCanvas, w, h);
        g_fb_w = w;
        g_fb_h = h;
    }
    if (scale > 0 && std::fabs(scale - g_scale) > 0.01f) apply_scale(scale);
}

void main_loop() {
    sync_canvas_size();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // ImGui_ImplGlfw_NewFrame took the size from GLFW, which knows only CSS pixels; ImGui
    // runs in device pixels here (mouse positions arrive in device pixels too).
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(g_fb_w), float(g_fb_h));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);

    ImGui::NewFrame();
    run_app_frame();
    ImGui::Render();

    glViewport(0, 0, g_fb_w, g_fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (g_first_frame) {   // the canvas now shows the app: the page may drop its overlay
        g_first_frame = false;
        EM_ASM({ if (Module.figscopeHostReady) Module.figscopeHostReady(); });
    }
}

const char* get_clipboard(void*) { return g_clipboard.c_str(); }

void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    EM_ASM({ if (Module.figscopeCopy) Module.figscopeCopy(UTF8ToString($0)); }, g_clipboard.c_str());
}

}  // namespace

// ---- platform.h ---------------------------------------------------------------------------
namespace figscope::platform {

void open_url(const char* url) {
    EM_ASM({ window.open(UTF8ToString($0), '_blank', 'noopener'); }, url);
}

bool can_pick_files() { return true; }

// The page's hidden <input type=file>; works from here because the click that led to this
// call is still a recent user activation.
void pick_files() {
    EM_ASM({ if (Module.figscopePickFiles) Module.figscopePickFiles(); });
}

const char* host_name() { return "browser"; }

}  // namespace figscope::platform

// ---- the JS door (see web/figscope.js) ------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE void fs_begin_load(const char* label) {
    if (g_app) guarded(label, [&] { app::begin_load(*g_app, label); });
}

EMSCRIPTEN_KEEPALIVE void fs_fetch_progress(double done, double total) {
    if (g_app) guarded("fetch", [&] { app::set_fetch_progress(*g_app, size_t(done), size_t(total)); });
}

// Copies the bytes: JS frees its buffer right after the call.
EMSCRIPTEN_KEEPALIVE void fs_add_file(const char* path, const char* bytes, size_t len) {
    if (!g_app) return;
    guarded(path, [&] { app::add_file(*g_app, figscope::InputFile{path, std::string(bytes, len)}); });
}

EMSCRIPTEN_KEEPALIVE void fs_end_load() {
    if (g_app) guarded("load", [] { app::end_load(*g_app); });
}

EMSCRIPTEN_KEEPALIVE void fs_report_problem(const char* path, const char* message) {
    if (g_app) guarded(path, [&] { app::report_problem(*g_app, path, message); });
}

// Returns UTF-8 JSON, valid until the next call (JS copies it out at once).
EMSCRIPTEN_KEEPALIVE const char* fs_state_json() {
    g_state = "{\"ready\":false}";
    if (g_app) guarded("state", [] { g_state = app::state_json(*g_app); });
    return g_state.c_str();
}

// genes_json: a JSON array of strings; mode: "all" or "any". Returns 0 on bad input.
EMSCRIPTEN_KEEPALIVE int fs_set_genes(const char* genes_json, const char* mode) {
    if (!g_app) return 0;
    const auto parsed = nlohmann::json::parse(genes_json, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_array()) return 0;
    std::vector<std::string> genes;
    for (const auto& g : parsed) {
        if (!g.is_string()) return 0;
        genes.push_back(g.get<std::string>());
    }
    const std::string m = mode ? mode : "all";
    if (m != "all" && m != "any") return 0;
    int ok = 0;
    guarded("set_genes", [&] {
        app::set_genes(*g_app, genes, m == "any" ? figscope::GeneMode::Any : figscope::GeneMode::All);
        ok = 1;
    });
    return ok;
}

// Text the page received from a 'paste' event; ImGui reads it on its next Ctrl+V.
EMSCRIPTEN_KEEPALIVE void fs_set_clipboard(const char* text) { g_clipboard = text ? text : ""; }

// Whether a text field has the keyboard: the page then leaves keys like "/" to it instead of
// suppressing the browser's own shortcut for them.
EMSCRIPTEN_KEEPALIVE int fs_wants_text() { return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput; }

}  // extern "C"

int main() {
    if (!glfwInit()) {
        host_failed("GLFW could not start");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(1280, 720, "figscope", nullptr, nullptr);
    if (!g_window) {
        host_failed("this browser could not create a WebGL2 context");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // no filesystem to keep layouts in; the app lays itself out
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // Now rather than lazily in the first NewFrame, so apply_scale() below replaces the font
    // texture instead of the first NewFrame creating a second one over it.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    // Replaces the GLFW backend's clipboard hooks, which reach only emscripten's stubs.
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.ClipboardUserData = nullptr;

    g_app = app::create();
    sync_canvas_size();   // builds fonts for the real pixel ratio before the first frame

    // Returning from main keeps the runtime alive (EXIT_RUNTIME is off); the loop runs on
    // requestAnimationFrame, so it pauses in background tabs.
    emscripten_set_main_loop(main_loop, 0, false);
    return 0;
}
