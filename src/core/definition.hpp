// The parsed form of a segment definition: a tree of groups and conditions.
//
// definition_parser.cpp builds it from JSON and checks everything that needs no
// database; references.cpp checks ids and names against the catalog and fills in
// the custom field types; compiler.cpp turns it into SQL. Every node keeps its
// JSON path (for example "conditions[1].conditions[0]") for messages and for
// segments.explain_membership.
#pragma once

#include "core/no_postgres.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace segments
{

enum class Match
{
	all, // "meets all": intersection
	any	 // "at least one": union
};

// An integer comparison; "between" is inclusive at both ends.
struct Comparator
{
	enum class Op
	{
		exactly,
		greater_than,
		less_than,
		at_least,
		at_most,
		between
	};

	Op op = Op::exactly;
	int64_t low = 0;  // the operand, or the lower bound of between
	int64_t high = 0; // the upper bound of between; equal to low for the other operators
};

// Which acquisitions count: any status, or only active ones (status 'active'
// and not expired at as_of).
enum class StatusFilter
{
	any,
	active
};

enum class RedemptionKind
{
	any,
	check_in,
	voucher
};

// An ISO calendar date, already checked to exist ("YYYY-MM-DD").
using IsoDate = std::string;

struct ItemPurchase
{
	std::vector<int64_t> items; // sorted, no duplicates
	StatusFilter status = StatusFilter::any;
	std::optional<Comparator> days_since_purchase;
	std::optional<std::pair<IsoDate, IsoDate>> purchased_between; // inclusive local dates
};

struct PassRedemptions
{
	int64_t pass = 0;
	StatusFilter pass_status = StatusFilter::any;
	Comparator count;
	RedemptionKind kind = RedemptionKind::any;
	std::optional<int64_t> within_days; // positive
};

struct PassPoints
{
	int64_t pass = 0;
	StatusFilter pass_status = StatusFilter::any;
	Comparator points;
};

struct PassExpiration
{
	int64_t pass = 0;
	Comparator days_until_expiration;
};

enum class FieldType
{
	text,
	number,
	date,
	boolean
};

enum class FieldOperator
{
	equals,
	not_equals,
	contains,
	not_contains,
	starts_with,
	ends_with,
	in,
	not_in,
	is_set,
	is_not_set,
	greater_than,
	less_than,
	at_least,
	at_most,
	between
};

// One value from a custom_field condition, in its JSON type. For numbers, text
// is the number as written in the definition's JSON (exact for numeric input).
struct FieldValue
{
	enum class Kind
	{
		string,
		number,
		boolean
	};

	Kind kind = Kind::string;
	std::string text; // the string, the number's digits, or "true"/"false"
};

struct CustomField
{
	std::string field; // custom field name
	FieldOperator op = FieldOperator::equals;
	std::vector<FieldValue> values; // none for is_set/is_not_set, two for between
	// The field's data type, unknown until references are checked.
	std::optional<FieldType> type;
};

struct PromotionUsed
{
	std::optional<std::vector<std::string>> codes; // absent: any non-empty code
	std::optional<std::vector<int64_t>> items;	   // absent: any item; sorted, no duplicates
};

struct Location
{
	enum class By
	{
		country,
		region,
		city,
		postal_code,
		within
	};

	By by = By::country;
	std::vector<std::string> values; // for the list filters
	double latitude = 0;			 // for within
	double longitude = 0;
	double radius_km = 0;
};

struct InSegment
{
	int64_t segment = 0;
};

struct Node;

struct Group
{
	Match match = Match::all;
	std::vector<Node> conditions; // 1 to 100 nodes
};

using NodeBody = std::variant<Group, ItemPurchase, PassRedemptions, PassPoints, PassExpiration,
							  CustomField, PromotionUsed, Location, InSegment>;

struct Node
{
	NodeBody body;
	bool negate = false;
	std::string path; // JSON path of this node; empty for the root
};

// A whole definition. The root is a group that is never negated.
struct Definition
{
	Node root;
};

// Limits of the format.
inline constexpr std::size_t max_nodes_per_group = 100;
inline constexpr int max_group_depth = 8; // the root group is depth 1
inline constexpr std::size_t max_definition_bytes = 1024 * 1024;
inline constexpr std::size_t max_total_nodes = 1000;

} // namespace segments
