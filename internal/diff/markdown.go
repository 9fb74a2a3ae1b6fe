package diff

import (
	"fmt"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// Markdown renders the report for review, for example as a pull-request
// comment. Text taken from the lists is escaped or put in code spans, so
// that a name cannot inject markup into the comment.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Trusted list changes: %s\n\n", esc(r.title()))
	fmt.Fprintf(&b, "- old: %s\n- new: %s\n\n", side(r.Old), side(r.New))
	if s := r.Signer; s != nil {
		fmt.Fprintf(&b, "**New signer certificate:**\n\n- old: %s\n- new: %s\n\n", signer(s.Old), signer(s.New))
	}
	if r.Empty() {
		b.WriteString("No change.\n")
		return b.String()
	}
	s := r.Summary
	fmt.Fprintf(&b, "**Summary:** scheme information %d %s changed; TSPs %d added, %d removed, %d changed; services %d added, %d removed, %d changed.\n",
		s.SchemeChanged, plural(s.SchemeChanged, "value", "values"), s.TSPsAdded, s.TSPsRemoved, s.TSPsChanged, s.ServicesAdded, s.ServicesRemoved, s.ServicesChanged)
	if n := len(r.Files); n > 0 {
		fmt.Fprintf(&b, "Release files beside the list: %d changed.\n", n)
	}
	if len(r.Scheme) > 0 {
		b.WriteString("\n### Scheme information\n\n")
		for _, f := range r.Scheme {
			writeField(&b, "", f)
		}
	}
	for _, f := range r.Files {
		fmt.Fprintf(&b, "\n### %s release file: %s\n\n", title(f.Change), code(f.File))
		for _, fc := range f.Fields {
			writeField(&b, "", fc)
		}
	}
	for _, t := range r.TSPs {
		fmt.Fprintf(&b, "\n### %s TSP: %s", title(t.Change), esc(t.Name))
		if t.ID != "" {
			fmt.Fprintf(&b, " (%s)", code(t.ID))
		}
		b.WriteString("\n\n")
		for _, f := range t.Fields {
			writeField(&b, "", f)
		}
		for _, s := range t.Services {
			writeService(&b, &s)
		}
	}
	return b.String()
}

func (r *Report) title() string {
	t := r.New.Territory
	if r.Old.Territory != r.New.Territory {
		t = r.Old.Territory + " → " + r.New.Territory
	}
	return fmt.Sprintf("%s, sequence %s → %s", t, seq(r.Old), seq(r.New))
}

func seq(li ListInfo) string {
	if li.Sequence == 0 {
		return "sources"
	}
	return fmt.Sprint(li.Sequence)
}

// side describes one list by what every release changes.
func side(li ListInfo) string {
	var parts []string
	if li.Sequence == 0 {
		parts = append(parts, "unnumbered (sources)")
	} else {
		parts = append(parts, fmt.Sprintf("sequence %d", li.Sequence))
	}
	if li.ID != "" {
		parts = append(parts, "Id "+code(li.ID))
	}
	if li.IssueTime != "" {
		parts = append(parts, "issued "+li.IssueTime)
	}
	if li.NextUpdate != "" {
		parts = append(parts, "next update "+li.NextUpdate)
	}
	return strings.Join(parts, ", ")
}

func writeService(b *strings.Builder, s *ServiceChange) {
	fmt.Fprintf(b, "- %s service **%s** (%s)\n", title(s.Change), esc(s.Name), code(short(s.Type, model.SvcTypePrefix)))
	if st := s.Status; st != nil {
		from := code(short(st.From, model.SvcStatusPrefix)) + since(st.FromSince)
		to := code(short(st.To, model.SvcStatusPrefix)) + since(st.Since)
		switch s.Change {
		case Added:
			fmt.Fprintf(b, "  - status %s\n", to)
		case Removed:
			fmt.Fprintf(b, "  - status was %s\n", from)
		default:
			fmt.Fprintf(b, "  - status %s → %s\n", from, to)
		}
	}
	if c := s.Certificates; c != nil {
		switch {
		case len(c.Old) == 1 && len(c.New) == 1:
			fmt.Fprintf(b, "  - certificate SHA-256 %s → %s\n", code(c.Old[0]), code(c.New[0]))
		case s.Change == Changed:
			for _, o := range c.Old {
				fmt.Fprintf(b, "  - certificate SHA-256 %s (before)\n", code(o))
			}
			for _, n := range c.New {
				fmt.Fprintf(b, "  - certificate SHA-256 %s (after)\n", code(n))
			}
		default:
			for _, x := range append(c.Old, c.New...) {
				fmt.Fprintf(b, "  - certificate SHA-256 %s\n", code(x))
			}
		}
	}
	for _, f := range s.Fields {
		writeField(b, "  ", f)
	}
}

func since(t string) string {
	if t == "" {
		return ""
	}
	return " since " + t
}

func writeField(b *strings.Builder, indent string, f FieldChange) {
	switch {
	case f.Old != "" && f.New != "":
		fmt.Fprintf(b, "%s- %s: %s → %s\n", indent, code(f.Field), code(f.Old), code(f.New))
	case f.New != "":
		fmt.Fprintf(b, "%s- %s: added %s\n", indent, code(f.Field), code(f.New))
	case f.Old != "":
		fmt.Fprintf(b, "%s- %s: removed %s\n", indent, code(f.Field), code(f.Old))
	default: // an empty value added or removed
		fmt.Fprintf(b, "%s- %s: empty value added or removed\n", indent, code(f.Field))
	}
}

// title capitalises a change kind for a heading.
func title(change string) string {
	if change == "" {
		return ""
	}
	return strings.ToUpper(change[:1]) + change[1:]
}

// short drops a well-known URI prefix (granted, CA/QC); other URIs stay
// whole.
func short(uri, prefix string) string {
	if s, ok := strings.CutPrefix(uri, prefix); ok && s != "" {
		return s
	}
	return uri
}

// oneLine turns line breaks into spaces: a value never breaks a list item.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// esc escapes the characters that Markdown (CommonMark, GitHub) reads as
// markup or raw HTML; any ASCII punctuation may be backslash-escaped.
func esc(s string) string {
	s = oneLine.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~#&!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// code puts s in a code span whose backtick fence is longer than any run
// of backticks inside it (CommonMark 6.1).
func code(s string) string {
	s = oneLine.Replace(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// signer describes a signer certificate in one line.
func signer(s Signer) string {
	dev := ""
	if s.DevelopmentKey {
		dev = " — **DEVELOPMENT KEY**"
	}
	return fmt.Sprintf("%s (SHA-256 %s)%s", esc(s.Subject), code(s.SHA256), dev)
}
