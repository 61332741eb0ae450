// platform_desktop.cpp - the desktop host: GLFW + OpenGL 3.3 core, the same UI as the browser.
//
//   figscope-desktop [PATH...]            files, folders or a PFOCR site checkout, as one batch;
//                                         no PATH: the bundled data/ folder of the repository
//   --genes A,B   preset the gene filter  --any  gene mode ANY (default ALL)
//   --screenshot FILE.png --frames N      once the data is loaded, render N frames, write the
//                                         window as a PNG and exit 0 (3 if loading timed out)
//   --size WxH    window size             --help
//   --script "STEP;STEP..."               scripted input once the data is loaded, for tests and
//                                         screenshots of interactions (see [SECTION] Script)
//
// Index of this file
//   [SECTION] Options          command line
//   [SECTION] Platform         platform.h: open_url (xdg-open, detached), no file picker
//   [SECTION] Disk loading     read_paths on a worker thread, handed to the app as a batch
//   [SECTION] PNG              minimal writer: zlib stored blocks, CRC-32, Adler-32
//   [SECTION] Script           injected mouse/keyboard events, one step per frame
//   [SECTION] Main             window, ImGui, the loop, screenshot
//
// Files dropped on the window (glfwSetDropCallback) are a new batch added to what is loaded.
// Reading runs on a worker thread so the loading screen animates; the app parses and indexes
// on the main thread in 8 ms slices (app.cpp).
#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app.h"
#include "fonts.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform.h"

// Where the repository's data/ folder was at build time: the fallback when the executable is
// not inside <repo>/build/bin and FIGSCOPE_DATA is unset. Derived from this file's path
// (<repo>/wasm/platform_desktop.cpp); a build may override it with -DFIGSCOPE_DATA_DIR="...".
#ifndef FIGSCOPE_DATA_DIR
#define FIGSCOPE_DATA_DIR ""
#endif

namespace fs = std::filesystem;
namespace app = figscope::app;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------

struct Options {
    std::vector<std::string> paths;
    std::vector<std::string> genes;
    bool any = false;
    std::string screenshot;
    int frames = 3;
    int width = 1280, height = 800;
    std::string script;
    bool stats = false;   // print slow frames and load time (development)
    float scale = 0.0f;        // UI scale override; 0 = the monitor's content scale
    bool script_now = false;   // run the script from the first frame (e.g. to see the loading screen)
};

void usage(FILE* out) {
    std::fprintf(out,
                 "usage: figscope-desktop [options] [PATH...]\n"
                 "  PATH                 record files (.md/.txt), sidecars (-genes.tsv ...), snapshots (.figsnap),\n"
                 "                       folders of them, or a PFOCR site checkout; default: the bundled data/\n"
                 "  --genes A,B          start with these genes in the filter\n"
                 "  --any                gene mode ANY (default: ALL)\n"
                 "  --screenshot FILE    when the data is loaded, render --frames frames, save a PNG, exit\n"
                 "  --frames N           frames to render before the screenshot (default 3)\n"
                 "  --size WxH           window size in screen units (default 1280x800)\n"
                 "  --script STEPS       after loading, inject input: steps separated by ';':\n"
                 "                       move:X,Y  click:X,Y  rclick:X,Y  wheel:X,Y,D  ctrlwheel:X,Y,D\n"
                 "                       type:TEXT  key:NAME (Enter, Escape, Tab, Up, Down, Backspace)\n"
                 "                       wait:FRAMES  shot:FILE.png (a screenshot at that point)\n"
                 "                       drop:PATH,PATH (as if dropped on the window)\n"
                 "  --scale S            UI scale (default: the monitor's content scale, 2 on HiDPI)\n"
                 "  --script-now         run the script from the first frame, not after loading\n"
                 "  --stats              print frames slower than 20 ms, and when the data was ready\n"
                 "environment: FIGSCOPE_DATA=DIR overrides the bundled data folder\n");
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    size_t a = 0;
    while (a <= s.size()) {
        size_t b = s.find(',', a);
        if (b == std::string::npos) b = s.size();
        std::string t = s.substr(a, b - a);
        while (!t.empty() && t.front() == ' ') t.erase(t.begin());
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!t.empty()) out.push_back(t);
        a = b + 1;
    }
    return out;
}

// Returns 0 to run, 1 for --help, 2 for a usage error.
int parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "figscope-desktop: %s needs a value\n", name);
                return nullptr;
            }
            return argv[++i];
        };
        if (a == "--help" || a == "-h") return 1;
        if (a == "--genes") {
            const char* v = value("--genes");
            if (!v) return 2;
            for (auto& g : split_commas(v)) o.genes.push_back(g);
        } else if (a == "--any") {
            o.any = true;
        } else if (a == "--screenshot") {
            const char* v = value("--screenshot");
            if (!v) return 2;
            o.screenshot = v;
        } else if (a == "--frames") {
            const char* v = value("--frames");
            if (!v) return 2;
            o.frames = std::atoi(v);
            if (o.frames < 1 || o.frames > 100000) {
                std::fprintf(stderr, "figscope-desktop: --frames must be 1..100000\n");
                return 2;
            }
        } else if (a == "--size") {
            const char* v = value("--size");
            if (!v || std::sscanf(v, "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240) {
                std::fprintf(stderr, "figscope-desktop: --size wants WxH, at least 320x240\n");
                return 2;
            }
        } else if (a == "--scale") {
            const char* v = value("--scale");
            if (!v) return 2;
            o.scale = float(std::atof(v));
            if (!(o.scale >= 0.5f && o.scale <= 4.0f)) {
                std::fprintf(stderr, "figscope-desktop: --scale must be 0.5..4\n");
                return 2;
            }
        } else if (a == "--script-now") {
            o.script_now = true;
        } else if (a == "--stats") {
            o.stats = true;
        } else if (a == "--script") {
            const char* v = value("--script");
            if (!v) return 2;
            o.script = v;
        } else if (a == "--") {
            for (++i; i < argc; ++i) o.paths.push_back(argv[i]);
        } else if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "figscope-desktop: unknown option %s\n", a.c_str());
            return 2;
        } else {
            o.paths.push_back(a);
        }
    }
    return 0;
}

// The bundled data: $FIGSCOPE_DATA, else <exe>/../../data (build/bin/figscope-desktop in the
// repository), else the repository this file was compiled from.
std::string find_data_dir() {
    std::error_code ec;
    if (const char* env = std::getenv("FIGSCOPE_DATA"))
        if (*env && fs::is_directory(env, ec)) return env;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path d = exe.parent_path().parent_path().parent_path() / "data";
        if (fs::is_directory(d, ec)) return fs::weakly_canonical(d, ec).string();
    }
    if (std::strlen(FIGSCOPE_DATA_DIR) && fs::is_directory(FIGSCOPE_DATA_DIR, ec)) return FIGSCOPE_DATA_DIR;
    const fs::path src = fs::path(__FILE__).parent_path().parent_path() / "data";
    if (src.is_absolute() && fs::is_directory(src, ec)) return src.string();
    return {};
}

// The data folder holds seeds/, corpus/ (a PFOCR site layout) and maybe a snapshot, beside a
// README and a manifest that are not data: load the data parts only, so no false problems.
std::vector<std::string> bundled_paths(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (e.is_directory(ec)) out.push_back(e.path().string());
        else if (e.path().extension() == ".figsnap") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    if (out.empty()) out.push_back(dir);
    return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Platform
//-----------------------------------------------------------------------------

namespace figscope::platform {

// xdg-open in a detached grandchild: no shell (the URL comes from a record and is passed as one
// argv entry), no zombie (the middle child exits at once and is reaped here), no waiting for
// the browser.
void open_url(const char* url) {
    if (!url || !*url) return;
    const std::string u = url;
    if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0) return;   // only web links
    const pid_t pid = fork();
    if (pid == 0) {
        setsid();
        if (fork() == 0) {
            execlp("xdg-open", "xdg-open", u.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        _exit(0);
    }
    if (pid > 0) waitpid(pid, nullptr, 0);
}

bool can_pick_files() { return false; }   // drop files on the window, or pass paths
void pick_files() {}
const char* host_name() { return "desktop"; }

}  // namespace figscope::platform

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Disk loading
//-----------------------------------------------------------------------------

struct DiskJob {
    std::string label;
    std::vector<std::string> paths;
    std::thread thread;
    std::atomic<bool> started{false}, done{false};
    std::vector<figscope::InputFile> files;
    figscope::Problems problems;
};

std::deque<std::unique_ptr<DiskJob>> g_jobs;   // FIFO; one reads at a time
app::App* g_app = nullptr;

void queue_job(std::string label, std::vector<std::string> paths) {
    auto job = std::make_unique<DiskJob>();
    job->label = std::move(label);
    job->paths = std::move(paths);
    app::begin_load(*g_app, job->label);   // the loading screen names it right away
    g_jobs.push_back(std::move(job));
}

// Starts the front job's reader; hands finished jobs to the app (files, problems, end_load).
void pump_jobs() {
    while (!g_jobs.empty()) {
        DiskJob& j = *g_jobs.front();
        if (!j.started) {
            j.started = true;
            DiskJob* jp = &j;
            j.thread = std::thread([jp] {
                try {
                    jp->files = figscope::read_paths(jp->paths, jp->problems);
                } catch (const std::exception& e) {
                    jp->problems.add(jp->label, 0, std::string("cannot read: ") + e.what());
                }
                jp->done = true;
                glfwPostEmptyEvent();   // wake the main loop if it waits for events
            });
        }
        if (!j.done) return;
        j.thread.join();
        size_t bytes = 0;
        for (const auto& f : j.files) bytes += f.bytes.size();
        app::set_fetch_progress(*g_app, bytes, bytes);
        for (const auto& p : j.problems.items)
            app::report_problem(*g_app, p.path, p.line ? "line " + std::to_string(p.line) + ": " + p.message : p.message);
        for (auto& f : j.files) app::add_file(*g_app, std::move(f));
        app::end_load(*g_app);
        g_jobs.pop_front();
    }
}

void on_drop(GLFWwindow*, int count, const char** paths) {
    if (!g_app || count <= 0) return;
    std::vector<std::string> v;
    for (int i = 0; i < count; ++i)
        if (paths[i]) v.emplace_back(paths[i]);
    if (v.empty()) return;
    std::string label = v.size() == 1 ? fs::path(v[0]).filename().string() : std::to_string(v.size()) + " dropped items";
    queue_job(label, std::move(v));
}

//-----------------------------------------------------------------------------
// [SECTION] PNG
//-----------------------------------------------------------------------------
// RGB, 8 bits, filter 0 on every row, zlib "stored" (uncompressed) deflate blocks: no
// compression library needed, and any PNG reader opens it.

uint32_t crc32(const unsigned char* p, size_t n, uint32_t crc = 0) {
    static uint32_t table[256];
    static bool init = false;
    if (!init) {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        init = true;
    }
    crc = ~crc;
    for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

void put_u32(std::vector<unsigned char>& out, uint32_t v) {
    out.push_back(uint8_t(v >> 24));
    out.push_back(uint8_t(v >> 16));
    out.push_back(uint8_t(v >> 8));
    out.push_back(uint8_t(v));
}

void put_chunk(std::vector<unsigned char>& out, const char* type, const std::vector<unsigned char>& data) {
    put_u32(out, uint32_t(data.size()));
    const size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    put_u32(out, crc32(out.data() + start, out.size() - start));
}

// rgba: bottom-up rows as glReadPixels returns them.
bool write_png(const std::string& path, int w, int h, const std::vector<unsigned char>& rgba) {
    std::vector<unsigned char> raw;
    raw.reserve(size_t(h) * (size_t(w) * 3 + 1));
    for (int y = h - 1; y >= 0; --y) {
        raw.push_back(0);
        const unsigned char* row = rgba.data() + size_t(y) * size_t(w) * 4;
        for (int x = 0; x < w; ++x) raw.insert(raw.end(), row + x * 4, row + x * 4 + 3);
    }
    std::vector<unsigned char> z = {0x78, 0x01};
    uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    for (size_t pos = 0; pos < raw.size() || pos == 0;) {
        const size_t n = std::min<size_t>(65535, raw.size() - pos);
        const bool last = pos + n >= raw.size();
        z.push_back(last ? 1 : 0);
        z.push_back(uint8_t(n));
        z.push_back(uint8_t(n >> 8));
        z.push_back(uint8_t(~n));
        z.push_back(uint8_t(~n >> 8));
        z.insert(z.end(), raw.begin() + long(pos), raw.begin() + long(pos + n));
        pos += n;
        if (last) break;
    }
    put_u32(z, (b << 16) | a);

    std::vector<unsigned char> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<unsigned char> ihdr;
    put_u32(ihdr, uint32_t(w));
    put_u32(ihdr, uint32_t(h));
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});   // 8-bit, RGB, deflate, filter 0, no interlace
    put_chunk(png, "IHDR", ihdr);
    put_chunk(png, "IDAT", z);
    put_chunk(png, "IEND", {});
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(png.data(), 1, png.size(), f) == png.size();
    return std::fclose(f) == 0 && ok;
}

//-----------------------------------------------------------------------------
// [SECTION] Script
//-----------------------------------------------------------------------------
// A test harness in the real app: ImGui input events injected between the GLFW backend's
// NewFrame and ImGui::NewFrame, as if a user moved, clicked and typed. Each step becomes one
// or more frames (a click is a press frame and a release frame), so widgets see real
// sequences. Coordinates are in ImGui display units (pixels on X11).

struct Frame {   // what to inject on one frame
    bool has_pos = false;
    ImVec2 pos;
    int button = -1;   // 0 left, 1 right
    bool button_down = false;
    float wheel = 0.0f;
    bool ctrl = false, ctrl_set = false;
    ImGuiKey key = ImGuiKey_None;
    bool key_down = false;
    std::string chars;
    std::string shot;
    std::vector<std::string> drop;   // paths "dropped" on the window (same path as glfwSetDropCallback)
};

ImGuiKey key_named(const std::string& k) {
    if (k == "Enter") return ImGuiKey_Enter;
    if (k == "Escape") return ImGuiKey_Escape;
    if (k == "Tab") return ImGuiKey_Tab;
    if (k == "Up") return ImGuiKey_UpArrow;
    if (k == "Down") return ImGuiKey_DownArrow;
    if (k == "Left") return ImGuiKey_LeftArrow;
    if (k == "Right") return ImGuiKey_RightArrow;
    if (k == "Backspace") return ImGuiKey_Backspace;
    if (k == "PageDown") return ImGuiKey_PageDown;
    if (k == "PageUp") return ImGuiKey_PageUp;
    return ImGuiKey_None;
}

// Returns false (with a message) on a malformed script.
bool parse_script(const std::string& text, std::deque<Frame>& out) {
    size_t a = 0;
    while (a < text.size()) {
        size_t b = text.find(';', a);
        if (b == std::string::npos) b = text.size();
        const std::string step = text.substr(a, b - a);
        a = b + 1;
        if (step.empty()) continue;
        const size_t colon = step.find(':');
        const std::string op = step.substr(0, colon);
        const std::string arg = colon == std::string::npos ? "" : step.substr(colon + 1);
        float x = 0, y = 0, d = 0;
        Frame f;
        if (op == "move" && std::sscanf(arg.c_str(), "%f,%f", &x, &y) == 2) {
            f.has_pos = true; f.pos = ImVec2(x, y);
            out.push_back(f);
            out.push_back(Frame{});
        } else if ((op == "click" || op == "rclick") && std::sscanf(arg.c_str(), "%f,%f", &x, &y) == 2) {
            f.has_pos = true; f.pos = ImVec2(x, y);
            out.push_back(f);   // hover first, as a real pointer would
            f.button = op == "click" ? 0 : 1; f.button_down = true;
            out.push_back(f);
            f.button_down = false;
            out.push_back(f);
            out.push_back(Frame{});
        } else if ((op == "wheel" || op == "ctrlwheel") && std::sscanf(arg.c_str(), "%f,%f,%f", &x, &y, &d) == 3) {
            f.has_pos = true; f.pos = ImVec2(x, y);
            if (op == "ctrlwheel") { f.ctrl = true; f.ctrl_set = true; }
            out.push_back(f);
            f.wheel = d;
            out.push_back(f);
            Frame up;
            if (op == "ctrlwheel") { up.ctrl = false; up.ctrl_set = true; }
            out.push_back(up);
        } else if (op == "type") {
            f.chars = arg;
            out.push_back(f);
            out.push_back(Frame{});
        } else if (op == "key" && key_named(arg) != ImGuiKey_None) {
            f.key = key_named(arg); f.key_down = true;
            out.push_back(f);
            f.key_down = false;
            out.push_back(f);
            out.push_back(Frame{});
        } else if (op == "wait") {
            const int n = std::max(0, std::atoi(arg.c_str()));
            for (int i = 0; i < n; ++i) out.push_back(Frame{});
        } else if (op == "drop" && !arg.empty()) {
            f.drop = split_commas(arg);
            out.push_back(f);
        } else if (op == "shot" && !arg.empty()) {
            out.push_back(Frame{});   // let the previous step's effects draw
            f.shot = arg;
            out.push_back(f);
        } else {
            std::fprintf(stderr, "figscope-desktop: bad script step '%s'\n", step.c_str());
            return false;
        }
    }
    return true;
}

void inject(const Frame& f) {
    ImGuiIO& io = ImGui::GetIO();
    if (f.has_pos) io.AddMousePosEvent(f.pos.x, f.pos.y);
    if (f.ctrl_set) io.AddKeyEvent(ImGuiMod_Ctrl, f.ctrl);
    if (f.button >= 0) io.AddMouseButtonEvent(f.button, f.button_down);
    if (f.wheel != 0.0f) io.AddMouseWheelEvent(0.0f, f.wheel);
    if (f.key != ImGuiKey_None) io.AddKeyEvent(f.key, f.key_down);
    if (!f.chars.empty()) io.AddInputCharactersUTF8(f.chars.c_str());
    if (!f.drop.empty()) {
        std::vector<const char*> v;
        for (const auto& p : f.drop) v.push_back(p.c_str());
        on_drop(nullptr, int(v.size()), v.data());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Main
//-----------------------------------------------------------------------------

float g_pending_scale = 0.0f;

bool g_scale_forced = false;
void on_content_scale(GLFWwindow*, float xs, float ys) {
    if (!g_scale_forced) g_pending_scale = std::max(xs, ys);
}

void on_glfw_error(int code, const char* msg) { std::fprintf(stderr, "figscope-desktop: GLFW error %d: %s\n", code, msg); }

struct AppState {
    bool ready = false, loading = true;
};

AppState read_state() {
    AppState s;
    const auto j = nlohmann::json::parse(app::state_json(*g_app), nullptr, false);
    if (j.is_object()) {
        s.ready = j.value("ready", false);
        s.loading = j.value("loading", true);
    }
    return s;
}

bool capture(const std::string& path, int fw, int fh) {
    std::vector<unsigned char> px(size_t(fw) * size_t(fh) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, fw, fh, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    if (!write_png(path, fw, fh, px)) {
        std::fprintf(stderr, "figscope-desktop: cannot write %s\n", path.c_str());
        return false;
    }
    std::printf("figscope-desktop: wrote %s (%dx%d) %s\n", path.c_str(), fw, fh, app::state_json(*g_app).c_str());
    std::fflush(stdout);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    const int pr = parse_options(argc, argv, opt);
    if (pr == 1) { usage(stdout); return 0; }
    if (pr == 2) { usage(stderr); return 2; }

    std::deque<Frame> script;
    if (!opt.script.empty() && !parse_script(opt.script, script)) return 2;
    const bool scripted = !script.empty();

    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "figscope-desktop: cannot open a window (no display? try: xvfb-run -a figscope-desktop)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);   // HiDPI: the window grows with the content scale
    GLFWwindow* window = glfwCreateWindow(opt.width, opt.height, "figscope \u2014 pathway figures (PFOCR)", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "figscope-desktop: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(opt.screenshot.empty() ? 1 : 0);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // the app lays itself out; nothing to remember between runs
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330");

    float xs = 1.0f, ys = 1.0f;
    glfwGetWindowContentScale(window, &xs, &ys);
    float scale = opt.scale > 0 ? opt.scale : std::max(xs, ys);
    if (opt.scale > 0) glfwSetWindowSize(window, int(opt.width * opt.scale), int(opt.height * opt.scale));
    figscope::fonts::setup(scale);
    g_scale_forced = opt.scale > 0;
    glfwSetWindowContentScaleCallback(window, on_content_scale);
    glfwSetDropCallback(window, on_drop);

    g_app = app::create();
    if (!opt.genes.empty())
        app::set_genes(*g_app, opt.genes, opt.any ? figscope::GeneMode::Any : figscope::GeneMode::All);

    if (!opt.paths.empty()) {
        std::string label = opt.paths.size() == 1 ? opt.paths[0] : std::to_string(opt.paths.size()) + " paths";
        queue_job(label, opt.paths);
    } else {
        const std::string dir = find_data_dir();
        if (dir.empty()) {
            app::begin_load(*g_app, "bundled data");
            app::report_problem(*g_app, "data/",
                                "bundled data folder not found; set FIGSCOPE_DATA=DIR or pass paths on the command line");
            app::end_load(*g_app);
        } else {
            queue_job("bundled data (" + dir + ")", bundled_paths(dir));
        }
    }

    int exit_code = 0;
    int frames_ready = 0;
    const auto t0 = std::chrono::steady_clock::now();
    constexpr double kScreenshotTimeoutS = 300.0;
    while (!glfwWindowShouldClose(window)) {
        const AppState st = read_state();
        const bool busy = st.loading || !g_jobs.empty() || !opt.screenshot.empty() || scripted;
        if (busy) glfwPollEvents();
        else glfwWaitEventsTimeout(0.05);   // idle: wake on input, ~20 fps for tooltips and carets

        pump_jobs();
        if (g_pending_scale > 0.0f && std::fabs(g_pending_scale - scale) > 0.01f) {
            scale = g_pending_scale;
            figscope::fonts::setup(scale);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        g_pending_scale = 0.0f;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // Scripted input runs once the data is loaded (the state the user would act on).
        Frame step;
        const bool data_ready = st.ready && !st.loading && g_jobs.empty();
        if (!script.empty() && (data_ready || opt.script_now)) {
            step = script.front();
            script.pop_front();
            inject(step);
        } else if (!scripted && !opt.screenshot.empty()) {
            // A virtual display parks the pointer mid-screen, where it would hover something:
            // a plain screenshot shows the app untouched.
            ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        }
        ImGui::NewFrame();
        const auto f0 = std::chrono::steady_clock::now();
        try {
            app::frame(*g_app);
        } catch (const std::exception& e) {
            app::report_problem(*g_app, "app", std::string("internal error: ") + e.what());
        }
        if (opt.stats) {
            static bool was_ready = false;
            const auto f1 = std::chrono::steady_clock::now();
            const double ms = std::chrono::duration<double, std::milli>(f1 - f0).count();
            if (ms > 20.0) std::printf("stats: frame %d took %.1f ms\n", ImGui::GetFrameCount(), ms);
            if (!was_ready && data_ready) {
                was_ready = true;
                std::printf("stats: data ready after %.2f s\n", std::chrono::duration<double>(f1 - t0).count());
            }
        }
        ImGui::Render();

        int fw = 0, fh = 0;
        glfwGetFramebufferSize(window, &fw, &fh);
        glViewport(0, 0, fw, fh);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        if (!step.shot.empty() && !capture(step.shot, fw, fh)) exit_code = 1;
        if (scripted && script.empty() && opt.screenshot.empty()) break;   // script done, no final shot
        if ((scripted || !opt.screenshot.empty()) && opt.screenshot.empty() &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > kScreenshotTimeoutS) {
            std::fprintf(stderr, "figscope-desktop: data not loaded after %.0f s; script not run\n", kScreenshotTimeoutS);
            exit_code = 3;
            break;
        }
        if (!opt.screenshot.empty()) {
            const AppState now = read_state();
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (now.ready && !now.loading && g_jobs.empty() && script.empty()) ++frames_ready;
            const bool timed_out = elapsed > kScreenshotTimeoutS;
            if (frames_ready >= opt.frames || timed_out) {
                if (!capture(opt.screenshot, fw, fh)) exit_code = 1;
                if (timed_out) {
                    std::fprintf(stderr, "figscope-desktop: data not loaded after %.0f s\n", kScreenshotTimeoutS);
                    exit_code = 3;
                }
                break;
            }
        }
        glfwSwapBuffers(window);
    }

    for (auto& j : g_jobs)
        if (j->thread.joinable()) j->thread.join();
    g_jobs.clear();
    app::destroy(g_app);   // frees its GL texture while the context is current
    g_app = nullptr;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}
