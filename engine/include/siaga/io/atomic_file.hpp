#pragma once
// Output files that appear whole or not at all: the bytes go to a temporary file beside the
// destination, which takes the destination's name only once everything is written and synced.
// A reader never sees half a file, and a failed run leaves nothing behind.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace siaga::io {

/// Whether an existing file at the destination may be replaced (the caller decides, e.g. --force).
enum class Overwrite : std::uint8_t { kRefuse, kReplace };

/// A file being written atomically. Nothing exists under the destination's name until commit();
/// destroying an uncommitted AtomicFile (an exception while writing) removes the temporary file.
/// Errors are InputError (bad destination: exists, missing directory, not writable) or Error (the
/// disk failed while writing), their messages starting with `label` (e.g. "--trace") if given.
class AtomicFile {
 public:
  /// Creates the temporary file beside `path`. With Overwrite::kRefuse an existing `path` is an
  /// InputError here already, so that a long run does not end in a refusal.
  AtomicFile(std::filesystem::path path, Overwrite overwrite, std::string label = {});
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Appends bytes to the temporary file (unbuffered: callers write large blocks).
  void write(std::string_view bytes);
  /// Syncs the temporary file and gives it the destination's name; without Overwrite::kReplace an
  /// existing destination (even one created meanwhile) is never replaced. Call once.
  void commit();

  /// Where the file will appear.
  const std::filesystem::path& path() const noexcept { return path_; }
  /// The temporary file's name (empty once committed or removed).
  const std::filesystem::path& temporary_path() const noexcept { return temporary_; }
  /// Bytes written so far.
  std::uint64_t size() const noexcept { return size_; }

 private:
  [[noreturn]] void fail_input(const std::string& what) const;
  [[noreturn]] void fail_io(const std::string& what, int err);
  void discard() noexcept;

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  Overwrite overwrite_;
  std::string label_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

/// Throws the InputError that AtomicFile's constructor would for this destination (a directory,
/// or an existing file under Overwrite::kRefuse), without creating anything: for checking an output
/// option before a long computation.
void check_destination(const std::filesystem::path& path, Overwrite overwrite, const std::string& label = {});

/// Writes `text` to `path` atomically in one call (see AtomicFile).
void write_file_atomically(const std::filesystem::path& path, std::string_view text, Overwrite overwrite,
                           std::string label = {});

}  // namespace siaga::io
