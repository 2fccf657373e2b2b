import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';

// `<Anchor component={Link}>` loses the router's types (its `params` are not checked), so these
// wrap Mantine's components with `createLink`: `to` and `params` are typed against the routes.

type AnchorElementProps = AnchorProps & Omit<ComponentPropsWithoutRef<'a'>, keyof AnchorProps>;
const AnchorElement = forwardRef<HTMLAnchorElement, AnchorElementProps>((props, ref) => (
  <Anchor ref={ref} {...props} />
));
const CreatedAnchorLink = createLink(AnchorElement);

/** A Mantine `Anchor` that navigates inside the app: `<AnchorLink to="/flows/$id" params={{ id }}>`. */
export const AnchorLink: LinkComponent<typeof AnchorElement> = (props) => <CreatedAnchorLink {...props} />;

type ButtonElementProps = ButtonProps & Omit<ComponentPropsWithoutRef<'a'>, keyof ButtonProps>;
const ButtonElement = forwardRef<HTMLAnchorElement, ButtonElementProps>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));
const CreatedButtonLink = createLink(ButtonElement);

/** A Mantine `Button` that is a link inside the app: `<ButtonLink to="/deployments/$id/run" params={{ id }}>`. */
export const ButtonLink: LinkComponent<typeof ButtonElement> = (props) => <CreatedButtonLink {...props} />;
