// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded fuzz run of the test suite, for compilers without libFuzzer (g++) and for the sanitizer build: feeds a
// reader's fuzz target (the same LLVMFuzzerTestOneInput that scripts/fuzz.sh runs under libFuzzer) every file of its
// seed corpus, then a fixed number of mutants of them made by a seeded generator: bit flips, byte overwrites with
// boundary values, truncations, insertions, deletions, duplicated and spliced chunks, and numbers in the text replaced
// by hostile ones (NaN, 1e308, -0, huge integers). Deterministic: the same mutants on every run and machine, so a
// finding reproduces. The target aborts on a broken invariant; a crash or a sanitizer report fails the test.
//   fuzz_replay_<reader> CORPUS_DIR [MUTANTS]
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

struct SplitMix {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

std::string mutate(const std::vector<std::string>& corpus, SplitMix& random) {
    std::string s = corpus[random.below(corpus.size())];
    static const char* const hostileNumbers[] = {
        "NaN",         "nan",        "inf",   "-Infinity", "1e308",
        "-1e308",      "1e-320",     "-0",    "0",         "9223372036854775808",
        "-2147483649", "4294967296", "1e999", "0x10",      "1.",
        ".5e",         "\"\"",       "null",  "[]",        "{}",
        "true"};
    static const unsigned char boundaryBytes[] = {0x00, 0x01, 0x7f, 0x80, 0xff, '"',  '\\', '{',
                                                  '}',  '[',  ']',  ',',  ':',  '\n', '\r'};
    const int edits = 1 + static_cast<int>(random.below(4));
    for (int e = 0; e < edits; ++e) {
        const std::size_t at = random.below(s.size() + 1);
        switch (random.below(8)) {
            case 0:  // a bit flip
                if (!s.empty()) s[random.below(s.size())] ^= static_cast<char>(1u << random.below(8));
                break;
            case 1:  // a boundary byte
                if (!s.empty())
                    s[random.below(s.size())] = static_cast<char>(boundaryBytes[random.below(sizeof boundaryBytes)]);
                break;
            case 2:  // truncated
                s.resize(at);
                break;
            case 3:  // random bytes inserted
                for (std::size_t k = 0, n = 1 + random.below(16); k < n; ++k)
                    s.insert(s.begin() + static_cast<std::ptrdiff_t>(std::min(at, s.size())),
                             static_cast<char>(random.next()));
                break;
            case 4:  // a chunk deleted
                if (at < s.size()) s.erase(at, 1 + random.below(std::min<std::size_t>(64, s.size() - at)));
                break;
            case 5: {  // a chunk duplicated
                if (at < s.size()) {
                    const std::string chunk = s.substr(at, 1 + random.below(std::min<std::size_t>(256, s.size() - at)));
                    s.insert(at, chunk);
                }
                break;
            }
            case 6: {  // spliced with another corpus file
                const std::string& other = corpus[random.below(corpus.size())];
                const std::size_t from = random.below(other.size() + 1);
                s = s.substr(0, at) + other.substr(from);
                break;
            }
            default: {  // a number replaced by a hostile one
                const std::size_t digit = s.find_first_of("0123456789", at);
                if (digit == std::string::npos) break;
                std::size_t end = digit;
                while (end < s.size() && std::string("0123456789.eE+-").find(s[end]) != std::string::npos) ++end;
                s.replace(digit, end - digit, hostileNumbers[random.below(std::size(hostileNumbers))]);
                break;
            }
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [MUTANTS]\n", argv[0]);
        return 2;
    }
    const long mutants = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 3000;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1]))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the order (and so the mutants) independent of the directory listing
    std::vector<std::string> corpus;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (corpus.empty()) {
        std::fprintf(stderr, "%s: no seed files in %s\n", argv[0], argv[1]);
        return 2;
    }
    for (const std::string& s : corpus)
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    SplitMix random{0x6d746a2d66757a7aULL};  // "mtj-fuzz"
    for (long k = 0; k < mutants; ++k) {
        const std::string s = mutate(corpus, random);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    }
    std::printf("%s: %zu seed files and %ld mutants read, no crash\n", argv[0], corpus.size(), mutants);
    return 0;
}
