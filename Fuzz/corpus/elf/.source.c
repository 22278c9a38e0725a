int edgehost_pack_entry(void){return 0;}
int helper(void){return 1;}
