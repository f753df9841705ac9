// A long markdown reply exercising the constructs whose block boundaries are tricky while streaming.
export const SAMPLE_REPLY = `<think>
The user wants a **summary**; let me think.
</think>

# Overview

Here is a paragraph with \`inline code\`, *emphasis*, **strong** and a link to https://example.com/docs.
It continues on a second line
and a lazy third one.

Setext heading
--------------

Another setext
===

- first item
- second item
  - nested item with \`code\`
  - nested two

    nested paragraph making the list loose
- third item

1. ordered
2. list
10. with a wide number

> A quote
> spanning lines
>
> - with a list

\`\`\`ts
export function add(a: number, b: number): number {
  // a comment with <b>html</b>
  return a + b;
}
\`\`\`

~~~python
def f(x):
    return x * 2
~~~

| Column | Left | Right | Center |
|--------|:-----|------:|:------:|
| a      | b    | c     | d      |
| \`e\`  | **f** | g    | h      |

    indented code block
    second line

***

Text with <span>raw html</span> and a hard  
break, ~~strike~~ and an autolink <https://example.org>.

- [ ] not a task list in core markdown-it
- [x] but still a list

\`\`\`\`markdown
\`\`\`inner fence\`\`\`
\`\`\`js
nested
\`\`\`
\`\`\`\`

Final paragraph after everything.
\`\`\`
an unclosed fence at the very end
that runs to the end of the text
`;
