#include "siaga/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "siaga/core/error.hpp"

namespace siaga::io {
namespace fs = std::filesystem;
namespace {

// Distinguishes the temporary files of one process (threads may write several files at once).
std::atomic<std::uint64_t> temporary_counter{0};

fs::path directory_of(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// Makes a rename or link durable: the new directory entry survives a crash once this returns.
// Best effort: some file systems refuse fsync on directories, and the data itself is already synced.
void sync_directory(const fs::path& dir) noexcept {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// 'path', built by appending: GCC 12 warns falsely (-Wrestrict) about "'" + std::string at -O3.
std::string quoted(const fs::path& p) {
  std::string s = "'";
  s += p.string();
  s += '\'';
  return s;
}

[[noreturn]] void throw_input(const std::string& label, const std::string& what) {
  throw InputError(label.empty() ? what : label + ": " + what);
}

}  // namespace

void check_destination(const fs::path& path, Overwrite overwrite, const std::string& label) {
  if (path.empty()) throw_input(label, "no file name given");
  if (!path.has_filename()) throw_input(label, quoted(path) + " names a directory, not a file");
  std::error_code ec;
  if (fs::is_directory(fs::status(path, ec))) throw_input(label, quoted(path) + " is a directory");
  // symlink_status: a dangling symbolic link is a name the user gave too.
  if (overwrite == Overwrite::kRefuse && fs::exists(fs::symlink_status(path, ec)))
    throw_input(label, quoted(path) + " exists; pass --force to overwrite it");
  const fs::path dir = directory_of(path);
  if (!fs::is_directory(fs::status(dir, ec)))
    throw_input(label, std::string("cannot write ") + quoted(path) + ": no directory " + quoted(dir));
}

AtomicFile::AtomicFile(fs::path path, Overwrite overwrite, std::string label)
    : path_(std::move(path)), overwrite_(overwrite), label_(std::move(label)) {
  check_destination(path_, overwrite_, label_);

  // O_EXCL with a fresh name instead of mkstemp: the file gets the usual mode (0666 less the umask)
  // without touching the process-wide umask, which other threads may be reading.
  const fs::path dir = directory_of(path_);
  std::string stem = ".";  // appended piece by piece: see quoted()
  stem += path_.filename().string();
  stem += ".tmp-";
  stem += std::to_string(::getpid());
  stem += '-';
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
    fs::path candidate = dir / (stem + std::to_string(temporary_counter.fetch_add(1)));
    fd_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temporary_ = std::move(candidate);
      return;
    }
    err = errno;
  }
  fail_input(std::string("cannot create a file in ") + quoted(dir) + ": " + std::strerror(err));
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::write(std::string_view bytes) {
  SIAGA_CHECK(fd_ >= 0, "AtomicFile::write after commit or failure");
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail_io("writing", n < 0 ? errno : ENOSPC);
    bytes.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
}

void AtomicFile::commit() {
  SIAGA_CHECK(fd_ >= 0, "AtomicFile::commit called twice or after a failure");
  // Data first, then the name: after a crash the destination holds either nothing or everything.
  if (::fsync(fd_) != 0) fail_io("syncing", errno);
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail_io("closing", errno);

  if (overwrite_ == Overwrite::kReplace) {
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
      const int err = errno;
      discard();
      fail_input(std::string("cannot write ") + quoted(path_) + ": " + std::strerror(err));
    }
  } else {
    // link() fails if the name exists, so a file created since the constructor's check is not
    // replaced either. File systems without hard links fall back to check-then-rename.
    if (::link(temporary_.c_str(), path_.c_str()) == 0) {
      ::unlink(temporary_.c_str());
    } else {
      const int err = errno;
      const bool no_links = err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK;
      std::error_code ec;
      if (err == EEXIST || (no_links && fs::exists(fs::symlink_status(path_, ec)))) {
        discard();
        fail_input(quoted(path_) + " exists; pass --force to overwrite it");
      }
      if (!no_links || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
        const int why = no_links ? errno : err;
        discard();
        fail_input(std::string("cannot write ") + quoted(path_) + ": " + std::strerror(why));
      }
    }
  }
  temporary_.clear();
  sync_directory(directory_of(path_));
}

void AtomicFile::fail_input(const std::string& what) const { throw_input(label_, what); }

void AtomicFile::fail_io(const std::string& what, int err) {
  std::string message = what + " " + quoted(temporary_) + " failed: " + std::strerror(err);
  discard();
  throw Error(label_.empty() ? message : label_ + ": " + message);
}

void AtomicFile::discard() noexcept {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    temporary_.clear();
  }
}

void write_file_atomically(const fs::path& path, std::string_view text, Overwrite overwrite,
                           std::string label) {
  AtomicFile file(path, overwrite, std::move(label));
  file.write(text);
  file.commit();
}

}  // namespace siaga::io
