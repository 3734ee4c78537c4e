// Parsing of condition nodes: one reader per condition type.
#pragma once

#include "core/definition_reader.hpp"

namespace segments
{

// Parses the condition object at cursor, a node with a "type" key, into the
// body and negate flag of node.
void parse_condition(const Cursor &cursor, Node &node);

} // namespace segments
