import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useLayoutEffect, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { fittingCount, inSection, type NavItem } from './nav-items';

/**
 * The main navigation: as many sections as fit in one line, the rest under "More" (a Radix menu), so
 * every section stays reachable at any width from 1024 px down without wrapping the top bar.
 */
export function TopNav({ items }: { readonly items: readonly NavItem[] }) {
  const navRef = useRef<HTMLElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(items.length);
  const { pathname } = useLocation();

  useLayoutEffect(() => {
    const nav = navRef.current;
    const measure = measureRef.current;
    if (nav === null || measure === null) return undefined;
    const compute = () => {
      // The hidden copy holds every label and "More" last; their widths do not depend on what is shown.
      const widths = Array.from(measure.children, (el) => (el as HTMLElement).offsetWidth);
      const more = widths.pop() ?? 0;
      setFit(fittingCount(widths, more, nav.clientWidth));
    };
    compute();
    const observer = new ResizeObserver(compute);
    observer.observe(nav);
    return () => observer.disconnect();
  }, [items]);

  const shown = items.slice(0, fit);
  const overflow = items.slice(fit);
  const overflowCurrent = overflow.find((item) => inSection(item.to, pathname));
  return (
    <nav className="topnav" aria-label="Main" ref={navRef} data-testid="main-nav">
      {shown.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.to === '/'} className="topnav-link">
          {item.label}
        </NavLink>
      ))}
      {overflow.length === 0 ? null : (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button type="button" className={overflowCurrent === undefined ? 'topnav-link topnav-more' : 'topnav-link topnav-more active'} data-testid="nav-more">
              More
              <span aria-hidden="true"> ▾</span>
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="end" sideOffset={6} data-testid="nav-more-menu">
              {overflow.map((item) => (
                <DropdownMenu.Item key={item.to} asChild>
                  <NavLink to={item.to} end={item.to === '/'} className="menu-item">
                    {item.label}
                  </NavLink>
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
      <div className="topnav-measure" aria-hidden="true" ref={measureRef}>
        {items.map((item) => (
          <span key={item.to} className="topnav-link">
            {item.label}
          </span>
        ))}
        <span className="topnav-link">
          More<span> ▾</span>
        </span>
      </div>
    </nav>
  );
}
