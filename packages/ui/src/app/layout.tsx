import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconActivity,
  IconBox,
  IconBrackets,
  IconFileText,
  IconGauge,
  IconListDetails,
  IconMoon,
  IconRocket,
  IconRoute,
  IconServer,
  IconSun,
  IconTrafficLights,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { ApiKeyGate } from './api-key-gate';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: IconGauge },
  { to: '/runs', label: 'Runs', icon: IconActivity },
  { to: '/flows', label: 'Flows', icon: IconRoute },
  { to: '/deployments', label: 'Deployments', icon: IconRocket },
  { to: '/work-pools', label: 'Work pools', icon: IconServer },
  { to: '/blocks', label: 'Blocks', icon: IconBox },
  { to: '/variables', label: 'Variables', icon: IconBrackets },
  { to: '/artifacts', label: 'Artifacts', icon: IconFileText },
  { to: '/concurrency-limits', label: 'Concurrency', icon: IconTrafficLights },
];

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to the ${next} theme`}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Switch to the ${next} theme`}
        data-testid="theme-toggle"
        onClick={() => setColorScheme(next)}
      >
        {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

/** The frame of every page: the header, the navigation and the page itself. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <IconListDetails size={22} />
            <Text fw={700} size="lg">
              Weft
            </Text>
          </Group>
          <ThemeToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={isActive(item.to)}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <ApiKeyGate>
          <Outlet />
        </ApiKeyGate>
      </AppShell.Main>
    </AppShell>
  );
}
