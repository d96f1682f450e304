// SPDX-License-Identifier: GPL-3.0-or-later
// The one writer every output of the program goes through (docs/files.md, "Writes that cannot fail silently"):
// a file is written to a temporary beside it, every write(2) checked, flushed to the disk with fsync, its size on
// disk compared with the bytes meant, and only then renamed over the target (and the folder synced). A failure at
// any step leaves the previous file byte for byte and says why. Appends (a sweep shard's lines) and standard output
// are checked the same way. POSIX only, no Qt: the engine, the command line and the window share it. Any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <sys/types.h>

#include "common/status.hpp"

namespace mtj {

/// Replaces `path` with `bytes`, proved on disk before the rename. Through a symbolic link, the file it points at is
/// replaced and the link stays. The error names the file and the reason; the previous file is unchanged.
Status writeFileDurably(const std::string& path, std::string_view bytes);

/// Appends `bytes` to `path` (created if missing): written, synced, and the file's size checked to have grown by
/// exactly the bytes meant. On a failure the file is cut back to its previous length, so no half line stays.
Status appendDurably(const std::string& path, std::string_view bytes);

/// Writes `bytes` to the open descriptor `fd` (`name` for the message, e.g. "standard output"): every write(2)
/// checked; where the descriptor is a regular file, synced and its offset checked to have moved by the bytes meant.
Status writeDescriptorDurably(int fd, std::string_view bytes, const std::string& name);

namespace durable_file_testing {
/// The system call the writer writes with. The write test replaces it with one that reports more than it wrote
/// (as a buffered layer that loses a short write does), to prove the size check sees what the return values hide.
using WriteCall = ssize_t (*)(int fd, const void* data, std::size_t size);
/// Installs `call` (nullptr: write(2) again). For tests only; not thread-safe against concurrent writes.
void setWriteCall(WriteCall call);
}  // namespace durable_file_testing

}  // namespace mtj
