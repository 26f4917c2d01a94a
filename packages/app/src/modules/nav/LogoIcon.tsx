import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
  road: {
    fill: '#7df3e1',
  },
});

/** The Paved mark for the collapsed sidebar: a paved road. */
export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      role="img"
      aria-label="Paved"
    >
      <path className={classes.road} d="M8 38 L16 2 H24 L32 38 Z" />
      <path
        d="M19 6 h2 v6 h-2 z M19 17 h2 v7 h-2 z M19 29 h2 v7 h-2 z"
        fill="#171717"
      />
    </svg>
  );
};
