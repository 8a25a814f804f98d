# GwpcReferenceGrantRules: which ReferenceGrants may exist.
#
# For a ReferenceGrant in namespace T, every pair (spec.from[i], spec.to[j]) is
# checked against parameters.rules:
#   - a rule "names" the pair when rule.from.kind matches from[i].kind and
#     rule.to.kind matches to[j].kind (exact or `*` glob);
#   - a rule "allows" the pair when it names it, one of rule.from.namespaces
#     matches from[i].namespace and one of rule.to.namespaces matches T
#     (absent namespaces: any), and, with rule.to.requireName, to[j].name is set.
# A pair that some rule names but none allows is denied. A pair that no rule
# names is denied iff parameters.unlisted == "deny" (the default).
# One violation per denied pair.
package gwpc.referencegrant_rules

import rego.v1

# ---------------------------------------------------------------------------
# Violations
# ---------------------------------------------------------------------------

# Allowed by namespaces, but every such rule requires a name and to[j] has none.
violation contains {"msg": msg, "details": d} if {
	checked
	some i, f in from_entries
	some j, t in to_entries
	pair_in_scope(f, t)
	not pair_allowed(f, t)
	d := details(i, j)
	msg := sprintf("%v: a rule allows %v only with a name (requireName), and to[%v] has no name", [
		pair_prefix(i, f, j, t),
		kind_of(t),
		j,
	])
}

# Named by a rule, but no rule allows these namespaces.
violation contains {"msg": msg, "details": d} if {
	checked
	some i, f in from_entries
	some j, t in to_entries
	pair_listed(f, t)
	not pair_in_scope(f, t)
	d := details(i, j)
	msg := sprintf("%v: not allowed; rules for %v -> %v allow %v", [
		pair_prefix(i, f, j, t),
		kind_of(f),
		kind_of(t),
		concat(" or ", rule_namespaces_texts(f, t)),
	])
}

# Named by no rule.
violation contains {"msg": msg, "details": d} if {
	checked
	unlisted == "deny"
	some i, f in from_entries
	some j, t in to_entries
	not pair_listed(f, t)
	d := details(i, j)
	msg := sprintf("%v: no rule lists %v -> %v (unlisted: deny)", [
		pair_prefix(i, f, j, t),
		kind_of(f),
		kind_of(t),
	])
}

pair_prefix(i, f, j, t) := sprintf("ReferenceGrant %v from[%v] (%v in namespace %v) to[%v] (%v in namespace %v)", [
	quote(object_ref),
	i,
	kind_of(f),
	quote(str_field(f, "namespace", "")),
	j,
	kind_of(t),
	quote(namespace),
])

details(i, j) := {
	"namespace": namespace,
	"from": from_entries[i],
	"to": to_entries[j],
}

# ---------------------------------------------------------------------------
# The decision
# ---------------------------------------------------------------------------

checked if {
	review_kind == "ReferenceGrant"
	checked_operation
}

spec := obj_field(obj, "spec")

from_entries := arr_field(spec, "from")

to_entries := arr_field(spec, "to")

unlisted := str_field(params, "unlisted", "deny")

rules := [r | some r in arr_field(params, "rules"); is_object(r)]

kind_of(entry) := str_field(entry, "kind", "")

rule_from(r) := obj_field(r, "from")

rule_to(r) := obj_field(r, "to")

rule_names(r, f, t) if {
	glob_ok(str_field(rule_from(r), "kind", "*"), kind_of(f))
	glob_ok(str_field(rule_to(r), "kind", "*"), kind_of(t))
}

rule_namespaces_match(r, f) if {
	namespace_matches(rule_from(r), str_field(f, "namespace", ""))
	namespace_matches(rule_to(r), namespace)
}

namespace_matches(side, ns) if {
	some p in namespace_patterns(side)
	is_string(p)
	glob_ok(p, ns)
}

# Absent namespaces: any namespace. Present but not a list: none.
namespace_patterns(side) := v if {
	v := object.get(side, "namespaces", ["*"])
	is_array(v)
}

namespace_patterns(side) := [] if {
	not is_array(object.get(side, "namespaces", ["*"]))
}

name_ok(r, t) if {
	not object.get(rule_to(r), "requireName", false) == true
}

name_ok(r, t) if {
	str_field(t, "name", "") != ""
}

pair_listed(f, t) if {
	some r in rules
	rule_names(r, f, t)
}

pair_in_scope(f, t) if {
	some r in rules
	rule_names(r, f, t)
	rule_namespaces_match(r, f)
}

pair_allowed(f, t) if {
	some r in rules
	rule_names(r, f, t)
	rule_namespaces_match(r, f)
	name_ok(r, t)
}

# "from namespaces [prod] to namespaces [backend-*]", one per rule naming the pair.
rule_namespaces_texts(f, t) := sort({s |
	some r in rules
	rule_names(r, f, t)
	s := sprintf("from namespaces [%v] to namespaces [%v]", [
		patterns_text(rule_from(r)),
		patterns_text(rule_to(r)),
	])
})

patterns_text(side) := concat(", ", [p | some p in namespace_patterns(side); is_string(p)])

object_ref := concat("/", [namespace, name]) if {
	namespace != ""
}

object_ref := name if {
	namespace == ""
}

# ---------------------------------------------------------------------------
# Input accessors (shared shape across gwpc policies)
# ---------------------------------------------------------------------------

review := obj_field(input, "review")

obj := obj_field(review, "object")

meta := obj_field(obj, "metadata")

params := obj_field(input, "parameters")

review_kind := k if {
	k := str_field(obj_field(review, "kind"), "kind", "")
	k != ""
}

review_kind := str_field(obj, "kind", "") if {
	str_field(obj_field(review, "kind"), "kind", "") == ""
}

namespace := ns if {
	ns := str_field(meta, "namespace", "")
	ns != ""
}

namespace := str_field(review, "namespace", "") if {
	str_field(meta, "namespace", "") == ""
}

name := n if {
	n := str_field(meta, "name", "")
	n != ""
}

name := str_field(review, "name", "") if {
	str_field(meta, "name", "") == ""
}

# CREATE, UPDATE, and audit / gator objects (no operation). Never DELETE or CONNECT.
checked_operation if {
	str_field(review, "operation", "") in {"", "CREATE", "UPDATE"}
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# `*`-only glob over names. glob.match treats "." as a delimiter when given
# [], so dots are mapped to "_" (which no Kubernetes name, kind or gwpc glob
# contains) on both sides first: `*` then matches any run of characters.
glob_ok(pattern, value) if {
	pattern == value
}

glob_ok(pattern, value) if {
	pattern != value
	glob.match(concat("_", split(pattern, ".")), [], concat("_", split(value, ".")))
}

quote(s) := concat("", ["\"", s, "\""])

obj_field(o, k) := v if {
	v := object.get(o, k, {})
	is_object(v)
}

obj_field(o, k) := {} if {
	not is_object(object.get(o, k, {}))
}

arr_field(o, k) := v if {
	v := object.get(o, k, [])
	is_array(v)
}

arr_field(o, k) := [] if {
	not is_array(object.get(o, k, []))
}

str_field(o, k, d) := v if {
	v := object.get(o, k, d)
	is_string(v)
}

str_field(o, k, d) := d if {
	not is_string(object.get(o, k, d))
}
