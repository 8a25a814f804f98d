# GwpcRouteBinding: which namespaces a Gateway (or ListenerSet) lets attach.
#
# Checked namespace specs ("targets"):
#   Gateway      spec.listeners[].allowedRoutes.namespaces   (which Routes bind)
#   Gateway      spec.allowedListeners.namespaces            (which ListenerSets attach)
#   ListenerSet  spec.listeners[].allowedRoutes.namespaces   (also XListenerSet)
# For `from: Selector` every matchLabels key and matchExpressions key must be in
# allowedSelectorLabels and not in bannedSelectorLabels, and every operator in
# allowedOperators; an empty or missing selector selects every namespace and
# is treated as `from: All`. `from: All` is allowed only for objects in
# fromAllNamespaces (globs). `Same`, `None` and an absent `from` are always
# allowed; any other value is denied. One violation per offending target.
package gwpc.route_binding

import rego.v1

# ---------------------------------------------------------------------------
# Violations: one per offending listener (or allowedListeners), all reasons in it
# ---------------------------------------------------------------------------

violation contains {"msg": msg, "details": details} if {
	checked_operation
	some t in targets
	label := t[0]
	reasons := sort({r |
		some p in problems
		p[0] == label
		r := p[1]
	})
	count(reasons) > 0
	msg := sprintf("%v %v %v: %v", [review_kind, quote(object_ref), label, concat("; ", reasons)])
	details := {"target": label, "reasons": reasons}
}

# ---------------------------------------------------------------------------
# Targets: [label, namespaces spec]
# ---------------------------------------------------------------------------

listener_owner_kinds := {"Gateway", "ListenerSet", "XListenerSet"}

spec := obj_field(obj, "spec")

targets contains [label, ns_spec] if {
	review_kind in listener_owner_kinds
	some listener in arr_field(spec, "listeners")
	label := concat("", ["listener ", quote(str_field(listener, "name", ""))])
	ns_spec := obj_field(obj_field(listener, "allowedRoutes"), "namespaces")
}

targets contains ["allowedListeners", ns_spec] if {
	review_kind == "Gateway"
	ns_spec := obj_field(obj_field(spec, "allowedListeners"), "namespaces")
}

# ---------------------------------------------------------------------------
# Problems: [label, reason]
# ---------------------------------------------------------------------------

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "All"
	not from_all_allowed
	reason := sprintf("from: All is only allowed in namespaces [%v]", [from_all_text])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	selector_empty(t[1])
	not from_all_allowed
	reason := sprintf("an empty selector selects every namespace (treated as from: All), which is only allowed in namespaces [%v]", [from_all_text])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	f := from_of(t[1])
	not f in {"All", "Selector", "Same", "None"}
	reason := sprintf("unsupported from value %v", [quote(f)])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	some key, _ in match_labels(t[1])
	key in banned_labels
	reason := sprintf("selector label key %v in matchLabels is banned", [quote(key)])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	some key, _ in match_labels(t[1])
	not key in banned_labels
	not key in allowed_labels
	reason := sprintf("selector label key %v in matchLabels is not allowed (allowed keys: [%v])", [quote(key), allowed_labels_text])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	some e in match_expressions(t[1])
	key := str_field(e, "key", "")
	key in banned_labels
	reason := sprintf("selector label key %v in matchExpressions is banned", [quote(key)])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	some e in match_expressions(t[1])
	key := str_field(e, "key", "")
	not key in banned_labels
	not key in allowed_labels
	reason := sprintf("selector label key %v in matchExpressions is not allowed (allowed keys: [%v])", [quote(key), allowed_labels_text])
}

problems contains [label, reason] if {
	some t in targets
	label := t[0]
	from_of(t[1]) == "Selector"
	some e in match_expressions(t[1])
	op := str_field(e, "operator", "")
	not op in allowed_operators
	reason := sprintf("selector operator %v on key %v is not allowed (allowed operators: [%v])", [
		quote(op),
		quote(str_field(e, "key", "")),
		allowed_operators_text,
	])
}

# ---------------------------------------------------------------------------
# Namespace spec accessors
# ---------------------------------------------------------------------------

# `from` defaults to Same (listeners) / None (allowedListeners): both allowed.
from_of(ns_spec) := str_field(ns_spec, "from", "Same")

selector_of(ns_spec) := obj_field(ns_spec, "selector")

match_labels(ns_spec) := obj_field(selector_of(ns_spec), "matchLabels")

match_expressions(ns_spec) := arr_field(selector_of(ns_spec), "matchExpressions")

selector_empty(ns_spec) if {
	count(match_labels(ns_spec)) == 0
	count(match_expressions(ns_spec)) == 0
}

# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------

allowed_labels := arr_param("allowedSelectorLabels", ["kubernetes.io/metadata.name"])

banned_labels := arr_param("bannedSelectorLabels", [])

allowed_operators := arr_param("allowedOperators", ["In"])

from_all_namespaces := arr_param("fromAllNamespaces", [])

arr_param(k, d) := v if {
	v := object.get(params, k, d)
	is_array(v)
}

arr_param(k, d) := d if {
	not is_array(object.get(params, k, d))
}

from_all_allowed if {
	some p in from_all_namespaces
	is_string(p)
	glob_ok(p, namespace)
}

from_all_text := list_text(from_all_namespaces)

allowed_labels_text := list_text(allowed_labels)

allowed_operators_text := list_text(allowed_operators)

list_text(xs) := concat(", ", sort([x | some x in xs; is_string(x)]))

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
