import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Anchor ref={ref} {...props} />,
);

/**
 * A Mantine Anchor that is a typed router link: `to` and `params` are checked against the routes
 * (`<Anchor component={Link}>` loses the route types).
 * @example <AnchorLink to="/runs/flow-run/$id" params={{ id }} size="sm">{name}</AnchorLink>
 */
export const AnchorLink = createLink(MantineAnchor);
