# ctest script for `siaga import`: a recipe over small files this script writes builds a scenario
# that validates; the import lists the long snaps; an existing output is refused without --force;
# a malformed recipe exits 2 naming the JSON path.
#   -DSIAGA=path/to/siaga -DWORK_DIR=scratch directory
cmake_minimum_required(VERSION 3.20)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

file(WRITE "${WORK_DIR}/admin.csv"
"kode,level,nama,parent_kode,lat,lon,tps_count_2024,tps_special_2024
35,provinsi,Jawa Timur,,,,,
35.71,kabupaten_kota,Kota Uji,35,-7.8050,112.0020,,
35.71.01,kecamatan,Barat,35.71,-7.8050,112.0020,,
35.71.01.1001,desa_kelurahan,Satu,35.71.01,-7.8050,112.0010,3,0
35.71.01.1002,desa_kelurahan,Dua,35.71.01,-7.8050,112.0300,2,0
")
# A square of two-way residential roads, about 220 m a side.
set(graphml "<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">
<key id=\"d8\" for=\"edge\" attr.name=\"length\" attr.type=\"string\"/>
<key id=\"d6\" for=\"edge\" attr.name=\"highway\" attr.type=\"string\"/>
<key id=\"d5\" for=\"node\" attr.name=\"x\" attr.type=\"string\"/>
<key id=\"d4\" for=\"node\" attr.name=\"y\" attr.type=\"string\"/>
<graph edgedefault=\"directed\">
<node id=\"11\"><data key=\"d4\">-7.8060</data><data key=\"d5\">112.0000</data></node>
<node id=\"12\"><data key=\"d4\">-7.8060</data><data key=\"d5\">112.0020</data></node>
<node id=\"13\"><data key=\"d4\">-7.8040</data><data key=\"d5\">112.0020</data></node>
<node id=\"14\"><data key=\"d4\">-7.8040</data><data key=\"d5\">112.0000</data></node>
")
foreach(pair 11:12 12:13 13:14 14:11)
  string(REPLACE ":" ";" ends "${pair}")
  list(GET ends 0 a)
  list(GET ends 1 b)
  foreach(dir "${a}:${b}" "${b}:${a}")
    string(REPLACE ":" ";" uv "${dir}")
    list(GET uv 0 u)
    list(GET uv 1 v)
    string(APPEND graphml "<edge source=\"${u}\" target=\"${v}\"><data key=\"d8\">221</data><data key=\"d6\">residential</data></edge>\n")
  endforeach()
endforeach()
string(APPEND graphml "</graph></graphml>\n")
file(WRITE "${WORK_DIR}/roads.graphml" "${graphml}")
file(WRITE "${WORK_DIR}/uji.recipe.json" [=[
{"format": "siaga-recipe/1", "name": "uji",
 "region": {"admin": "admin.csv", "within": "35.71"},
 "roads": {"file": "roads.graphml"},
 "election": {"kind": "pilkada"}}
]=])

include("${CMAKE_CURRENT_LIST_DIR}/cli_steps.cmake")

siaga(0 out err import uji.recipe.json -o uji.json)
require("${err}" "siaga import: wrote uji.json: 1 kabupaten, 1 kecamatan, 2 villages, 5 TPS" "the summary")
# Dua stands 3 km east of the square: its PPS and its TPS are snapped, and listed.
require("${err}" "snap: village 35.71.01.1002 moved 3[0-9][0-9][0-9] m onto its road node" "the long snap")
siaga(0 out err validate uji.json)
require("${out}" "valid" "validate")
siaga(0 out err describe uji.json)
require("${out}" "Where the data came from \\(recipe uji.recipe.json\\)" "describe's provenance")
require("${out}" "roads +roads.graphml\n +nodes_read 4, edges_read 8, components 1, nodes_kept 4, edges_kept 8, nodes_dropped 0, edges_dropped 0"
        "describe's road counts")
require("${out}" "snaps onto the road graph longer than 500 m: [1-9]" "describe's snaps")
require("${out}" "against the response targets: " "describe's coverage against the targets")
siaga(2 out err import uji.recipe.json -o uji.json)
require("${err}" "exists" "an existing output")
siaga(0 out err import uji.recipe.json -o uji.json --force --quiet)

file(WRITE "${WORK_DIR}/bad.recipe.json" [=[
{"format": "siaga-recipe/1", "name": "uji",
 "region": {"admin": "admin.csv", "within": "3571"},
 "election": {"kind": "pilkada"}}
]=])
siaga(2 out err import bad.recipe.json -o bad.json)
require("${err}" "bad.recipe.json: region.within: must be a Kemendagri" "a malformed recipe")
if(EXISTS "${WORK_DIR}/bad.json")
  message(FATAL_ERROR "a failed import left bad.json behind")
endif()
