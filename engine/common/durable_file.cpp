// SPDX-License-Identifier: GPL-3.0-or-later
// The durable writer (docs/files.md, "Writes that cannot fail silently").
#include "common/durable_file.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace mtj {
namespace {

std::atomic<durable_file_testing::WriteCall> writeCall{nullptr};

ssize_t writeSome(int fd, const char* data, std::size_t size) {
    const durable_file_testing::WriteCall call = writeCall.load(std::memory_order_relaxed);
    return call != nullptr ? call(fd, data, size) : ::write(fd, data, size);
}

std::string reason(int error) { return error != 0 ? std::string(std::strerror(error)) : std::string("write failed"); }

/// Writes every byte or returns the error (EINTR retried; a write that makes no progress is an error).
Status writeAll(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        errno = 0;
        const ssize_t n = writeSome(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Status::error(reason(errno));
        }
        if (n == 0) return Status::error(reason(errno != 0 ? errno : ENOSPC));
        done += static_cast<std::size_t>(n);
    }
    return Status::ok();
}

/// The size check: what the disk holds must be what was meant, whatever the calls returned.
Status checkSize(int fd, off_t expected) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return Status::error("cannot read its size back: " + reason(errno));
    if (info.st_size != expected) {
        return Status::error("the disk holds " + std::to_string(info.st_size) + " bytes of the " +
                             std::to_string(expected) + " written (a cut write)");
    }
    return Status::ok();
}

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string baseNameOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// The file a symbolic link finally names (relative links read from the link's folder); the path itself otherwise.
Status resolveLink(const std::string& path, std::string& target) {
    target = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat info {};
        if (::lstat(target.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return Status::ok();
        std::string link(4096, '\0');
        const ssize_t n = ::readlink(target.c_str(), link.data(), link.size());
        if (n <= 0 || static_cast<std::size_t>(n) >= link.size())
            return Status::error("a symbolic link whose target cannot be read");
        link.resize(static_cast<std::size_t>(n));
        target = link.front() == '/' ? link : folderOf(target) + "/" + link;
    }
    return Status::error("a loop of symbolic links");
}

void syncFolder(const std::string& folder) {
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return;
    ::fsync(dir);  // the rename is durable once the folder is; a file system that cannot sync a folder still renamed
    ::close(dir);
}

Status failure(const std::string& path, const std::string& why, bool previousKept = true) {
    return Status::error("cannot write " + path + ": " + why +
                         (previousKept ? " (the previous file, if any, is unchanged)" : ""));
}

}  // namespace

Status writeFileDurably(const std::string& path, std::string_view bytes) {
    if (path.empty()) return Status::error("cannot write: the output path is empty");
    std::string target;
    if (Status s = resolveLink(path, target); !s) return failure(path, s.message(), false);
    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode)) return failure(path, "it is a folder", false);
    if (exists && !S_ISREG(existing.st_mode)) return failure(path, "not a regular file (a device or a pipe)", false);
    const std::string folder = folderOf(target);
    struct stat folderInfo {};
    if (::stat(folder.c_str(), &folderInfo) != 0 || !S_ISDIR(folderInfo.st_mode))
        return failure(path, "the folder " + folder + " does not exist", false);

    // The temporary: beside the target (a rename within one file system), named after it, never an existing file.
    std::random_device entropy;
    std::string temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temporary = folder + "/" + baseNameOf(target) + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(entropy() % 1000000000u);
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) return failure(path, reason(errno));
    }
    if (fd < 0) return failure(path, "no free temporary name beside it");
    const auto abandon = [&](const std::string& why) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return failure(path, why);
    };
    if (exists && ::fchmod(fd, existing.st_mode & 07777) != 0) return abandon("cannot keep its permissions");
    if (Status s = writeAll(fd, bytes); !s) return abandon(s.message());
    if (::fsync(fd) != 0) return abandon("cannot sync it to the disk: " + reason(errno));
    if (Status s = checkSize(fd, static_cast<off_t>(bytes.size())); !s) return abandon(s.message());
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failure(path, reason(error));
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failure(path, reason(error));
    }
    syncFolder(folder);
    return Status::ok();
}

Status appendDurably(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return failure(path, reason(errno), false);
    const off_t before = ::lseek(fd, 0, SEEK_END);
    if (before < 0) {
        const int error = errno;
        ::close(fd);
        return failure(path, reason(error), false);
    }
    Status written = writeAll(fd, bytes);
    if (written && ::fsync(fd) != 0) written = Status::error("cannot sync it to the disk: " + reason(errno));
    if (written) written = checkSize(fd, before + static_cast<off_t>(bytes.size()));
    if (!written) {
        // Back to what it held: a reader never meets half a line that a later append would run into.
        const bool restored = ::ftruncate(fd, before) == 0 && ::fsync(fd) == 0;
        ::close(fd);
        return Status::error("cannot write " + path + ": " + written.message() +
                             (restored ? " (its earlier lines are unchanged)" : ""));
    }
    if (::close(fd) != 0) return failure(path, reason(errno), false);
    return Status::ok();
}

Status writeDescriptorDurably(int fd, std::string_view bytes, const std::string& name) {
    struct stat info {};
    const bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    const off_t before = regular ? ::lseek(fd, 0, SEEK_CUR) : -1;
    if (Status s = writeAll(fd, bytes); !s) return Status::error("cannot write to " + name + ": " + s.message());
    if (regular && before >= 0) {
        // A file behind the descriptor (a redirection): on the disk, and the offset moved by every byte meant. An
        // append-mode descriptor's offset is the end of the file, which only has to have grown as far.
        if (::fsync(fd) != 0) return Status::error("cannot write to " + name + ": cannot sync: " + reason(errno));
        const off_t after = ::lseek(fd, 0, SEEK_CUR);
        struct stat now {};
        const bool sized = ::fstat(fd, &now) == 0 && now.st_size >= after;
        if (after < before + static_cast<off_t>(bytes.size()) || !sized) {
            return Status::error("cannot write to " + name + ": the file holds " +
                                 std::to_string(std::max<off_t>(0, now.st_size - before)) + " bytes of the " +
                                 std::to_string(bytes.size()) + " written (a cut write)");
        }
    }
    return Status::ok();
}

namespace durable_file_testing {
void setWriteCall(WriteCall call) { writeCall.store(call, std::memory_order_relaxed); }
}  // namespace durable_file_testing

}  // namespace mtj
