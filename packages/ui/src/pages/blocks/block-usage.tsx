import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** How a flow loads a block of this type (`@weft/engine`'s `loadBlock('<slug>/<name>')`). */
export function blockUsageSnippet(slug: string, name: string): string {
  return [
    "import { loadBlock } from '@weft/engine';",
    '',
    '// In a flow or task: the data, secrets decrypted for the run',
    `const data = await loadBlock('${slug}/${name}');`,
  ].join('\n');
}

/** A code snippet with a copy button. */
export function CodeSnippet({ code, title }: { code: string; title?: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        {title ? (
          <Text size="sm" fw={600}>
            {title}
          </Text>
        ) : (
          <span />
        )}
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'}>
              <ActionIcon variant="subtle" onClick={copy} aria-label="Copy the code">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid="code-snippet">
        {code}
      </Code>
    </Stack>
  );
}
