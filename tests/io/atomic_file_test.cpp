#include "siaga/io/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <stdexcept>
#include <string>

#include "io/io_test_support.hpp"
#include "siaga/core/error.hpp"

namespace siaga::io {
namespace {

using testing::quoted;
using testing::read_file;
using testing::ScratchDir;
using testing::write_plain;
using Entries = std::vector<std::string>;

// The message of the InputError `f` throws, or a failure note if it throws none.
template <typename F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(AtomicFile, WritesExactlyTheBytesGiven) {
  ScratchDir dir;
  static constexpr char kText[] = "time,value\n00:00:01.000,1\n\0binary\xff\n";
  const std::string text(kText, sizeof kText - 1);  // a NUL and a non-UTF-8 byte included
  write_file_atomically(dir / "out.csv", text, Overwrite::kRefuse);
  EXPECT_EQ(read_file(dir / "out.csv"), text);
  EXPECT_EQ(dir.entries(), Entries{"out.csv"});
}

TEST(AtomicFile, WritesInPiecesAndCountsTheBytes) {
  ScratchDir dir;
  AtomicFile f(dir / "out.txt", Overwrite::kRefuse);
  f.write("one ");
  f.write("");
  f.write("two\n");
  EXPECT_EQ(f.size(), 8u);
  f.commit();
  EXPECT_EQ(read_file(dir / "out.txt"), "one two\n");
  EXPECT_TRUE(f.temporary_path().empty());
}

TEST(AtomicFile, NothingAppearsUnderTheNameBeforeCommit) {
  ScratchDir dir;
  AtomicFile f(dir / "out.csv", Overwrite::kRefuse);
  f.write("partial");
  EXPECT_FALSE(std::filesystem::exists(dir / "out.csv"));
  // The temporary file sits beside the destination (same file system, so rename is atomic), hidden.
  EXPECT_EQ(f.temporary_path().parent_path(), dir.path());
  EXPECT_EQ(f.temporary_path().filename().string().rfind(".out.csv.tmp-", 0), 0u);
  EXPECT_TRUE(std::filesystem::exists(f.temporary_path()));
  f.commit();
  EXPECT_EQ(dir.entries(), Entries{"out.csv"});
}

TEST(AtomicFile, AnExceptionWhileWritingLeavesNothingBehind) {
  ScratchDir dir;
  try {
    AtomicFile f(dir / "out.csv", Overwrite::kRefuse);
    f.write("half a file");
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(dir.entries(), Entries{});
}

TEST(AtomicFile, AnExceptionLeavesAReplacedFileAsItWas) {
  ScratchDir dir;
  write_plain(dir / "out.csv", "keep me\n");
  try {
    AtomicFile f(dir / "out.csv", Overwrite::kReplace);
    f.write("new text");
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_file(dir / "out.csv"), "keep me\n");
  EXPECT_EQ(dir.entries(), Entries{"out.csv"});
}

TEST(AtomicFile, RefusesAnExistingFileNamingTheOptionAndPath) {
  ScratchDir dir;
  const auto path = dir / "trace.csv";
  write_plain(path, "keep me\n");
  EXPECT_EQ(input_error_of([&] { AtomicFile f(path, Overwrite::kRefuse, "--trace"); }),
            "--trace: " + quoted(path) + " exists; pass --force to overwrite it");
  EXPECT_EQ(input_error_of([&] { write_file_atomically(path, "new", Overwrite::kRefuse); }),
            quoted(path) + " exists; pass --force to overwrite it");
  EXPECT_EQ(read_file(path), "keep me\n");
  EXPECT_EQ(dir.entries(), Entries{"trace.csv"});
}

TEST(AtomicFile, RefusesADanglingSymbolicLink) {
  ScratchDir dir;
  std::filesystem::create_symlink(dir / "nowhere", dir / "link.csv");
  EXPECT_NE(input_error_of([&] { AtomicFile f(dir / "link.csv", Overwrite::kRefuse); }).find("exists"),
            std::string::npos);
}

TEST(AtomicFile, DoesNotReplaceAFileCreatedWhileWriting) {
  ScratchDir dir;
  const auto path = dir / "out.csv";
  AtomicFile f(path, Overwrite::kRefuse, "--trace");
  f.write("ours\n");
  write_plain(path, "theirs\n");
  EXPECT_EQ(input_error_of([&] { f.commit(); }),
            "--trace: " + quoted(path) + " exists; pass --force to overwrite it");
  EXPECT_EQ(read_file(path), "theirs\n");
  EXPECT_EQ(dir.entries(), Entries{"out.csv"});
}

TEST(AtomicFile, ReplacesAnExistingFileWhenAsked) {
  ScratchDir dir;
  write_plain(dir / "out.csv", "old text that is longer than the new\n");
  write_file_atomically(dir / "out.csv", "new\n", Overwrite::kReplace, "--trace");
  EXPECT_EQ(read_file(dir / "out.csv"), "new\n");
  EXPECT_EQ(dir.entries(), Entries{"out.csv"});
}

TEST(AtomicFile, NamesAMissingDirectory) {
  ScratchDir dir;
  const auto path = dir / "nosuch" / "out.csv";
  EXPECT_EQ(input_error_of([&] { AtomicFile f(path, Overwrite::kReplace, "--trace"); }),
            "--trace: cannot write " + quoted(path) + ": no directory " + quoted(dir / "nosuch"));
  EXPECT_EQ(dir.entries(), Entries{});
}

TEST(AtomicFile, RefusesADirectoryEvenWhenReplacing) {
  ScratchDir dir;
  std::filesystem::create_directory(dir / "out.csv");
  EXPECT_EQ(input_error_of([&] { AtomicFile f(dir / "out.csv", Overwrite::kReplace, "--trace"); }),
            "--trace: " + quoted(dir / "out.csv") + " is a directory");
}

TEST(AtomicFile, CheckDestinationCreatesNothing) {
  ScratchDir dir;
  check_destination(dir / "out.csv", Overwrite::kRefuse, "--trace");
  EXPECT_EQ(dir.entries(), Entries{});
}

TEST(AtomicFile, GivesTheFileTheUsualModeForTheUmask) {
  ScratchDir dir;
  const mode_t mask = ::umask(022);
  write_file_atomically(dir / "out.csv", "x", Overwrite::kRefuse);
  ::umask(mask);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "out.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);  // not mkstemp's private 0600
}

}  // namespace
}  // namespace siaga::io
