// NOTE: a stand-in for normalized_node_json() until the definition parser is
// merged; it returns an empty string. Delete this file when the parser's own
// definition arrives, or the link fails with a duplicate symbol.
#include "core/definition_parser.hpp"

namespace segments
{

std::string normalized_node_json(const Node &)
{
	return {};
}

} // namespace segments
