package testtool

import "encoding/json"

// JSONVariants returns at most about limit copies of x, a value as
// encoding/json decodes one with UseNumber, each with one value changed
// (replaced by a value of another type, or removed from its object) or
// an unknown key added to an object, spread over x: the inputs on which a
// second validator is held to the first.
func JSONVariants(x any, limit int) []any {
	odd := []any{nil, true, "", "x", "a b", "é", json.Number("1"), json.Number("1.5"), []any{}, map[string]any{},
		map[string]any{"en": "x"}, []any{map[string]any{"en": "x"}}}
	// Twice: to count the variants, then to copy every step-th.
	var out []any
	n, step := 0, 0
	emit := func() {
		if step > 0 && n%step == 0 {
			out = append(out, jsonCopy(x))
		}
		n++
	}
	var walk func(v any, set func(any))
	walk = func(v any, set func(any)) {
		for _, o := range odd {
			set(o)
			emit()
		}
		set(v)
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				delete(v, k)
				emit()
				v[k] = c
				walk(c, func(n any) { v[k] = n })
			}
			v["unknown_key"] = "x"
			emit()
			delete(v, "unknown_key")
		case []any:
			for i, c := range v {
				walk(c, func(n any) { v[i] = n })
			}
		}
	}
	walk(x, func(any) {})
	n, step = 0, max(1, n/max(limit, 1))
	walk(x, func(any) {})
	return out
}

func jsonCopy(x any) any {
	switch x := x.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, v := range x {
			m[k] = jsonCopy(v)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, v := range x {
			s[i] = jsonCopy(v)
		}
		return s
	}
	return x
}
