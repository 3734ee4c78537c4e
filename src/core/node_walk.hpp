// Pre-order traversal of a definition tree without recursion.
#pragma once

#include "core/definition.hpp"

#include <variant>
#include <vector>

namespace segments
{

// Calls visit on root and every node below it: a group before its conditions,
// conditions in their order. NodeType is Node or const Node.
template <class NodeType, class Visit> void for_each_node(NodeType &root, Visit visit)
{
	std::vector<NodeType *> pending{&root};
	while (!pending.empty())
	{
		NodeType *node = pending.back();
		pending.pop_back();
		visit(*node);
		if (auto *group = std::get_if<Group>(&node->body))
		{
			for (auto child = group->conditions.rbegin(); child != group->conditions.rend();
			     ++child)
				pending.push_back(&*child);
		}
	}
}

} // namespace segments
